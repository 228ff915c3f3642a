using System.Collections.Concurrent;
using System.Diagnostics;
using Quarry.Cli.Terminal;
using Quarry.Client;
using Quarry.Client.FanOut;

namespace Quarry.Cli.Commands;

/// <summary>
/// <c>quarry submit</c> (one input) and <c>quarry batch</c> (many): parse on a remote endpoint and write
/// <c>OUT/B/</c> as <c>quarry parse</c> would. Batches are resumable and end with a summary table.
/// </summary>
public static class SubmitCommand
{
    public const string SubmitUsage = """
        usage: quarry submit FILE|URL --endpoint URL|ID -o OUT [options]

        Parses one document on a quarry serve host (URL) or a RunPod endpoint (ID, key from RUNPOD_API_KEY)
        and writes OUT/<name>/ like quarry parse.

          --endpoint URL|ID      where to send the job (or QUARRY_ENDPOINT)
          --api-key KEY          bearer key (default QUARRY_API_KEY for URLs, RUNPOD_API_KEY for ids)
          -o, --output DIR       output folder
          --transport NAME       auto (default), inline, tarball_b64, s3
          -s/-E                  --start-page / --end-page (0-based inclusive)
          --fan-out PAGES        split into jobs of PAGES pages (≥ 4) run in parallel, merged into one result
          --parallel N           jobs in flight for --fan-out (default 4)
          --timeout SECONDS      overall limit (default 1800)
        """;

    public const string BatchUsage = """
        usage: quarry batch DIR|LIST --endpoint URL|ID -o OUT [--concurrency N] [options]

        Parses every *.pdf in DIR (or every path/URL listed one per line in the LIST file) remotely.
        Inputs whose OUT/<name>/<name>.md already exists are skipped, so an interrupted batch resumes.
        Ends with a table: input, pages, seconds, status (error codes for failures). Exit 1 if any failed.
        Options as for quarry submit, plus --concurrency N (default 4).
        """;

    private static readonly Dictionary<string, string> Aliases = new() { ["-o"] = "--output", ["-s"] = "--start-page", ["-E"] = "--end-page", ["-j"] = "--concurrency" };
    private static readonly HashSet<string> Valued = ["--endpoint", "--api-key", "--output", "--transport", "--start-page", "--end-page", "--fan-out", "--parallel", "--timeout", "--concurrency"];
    private static readonly HashSet<string> Flags = ["--help", "--no-progress"];

    public static async Task<int> RunSubmitAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var a = new ArgReader(args, Aliases, Valued, Flags);
        if (a.Flag("--help"))
        {
            await stdout.WriteLineAsync(SubmitUsage);
            return 0;
        }
        if (a.Positionals.Count != 1)
        {
            throw new UsageException("submit takes exactly one FILE or URL");
        }
        var rows = await RunAllAsync(a, a.Positionals, concurrency: 1, stderr, ct);
        await PrintSummaryAsync(stdout, rows);
        return rows.All(r => r.Error is null) ? 0 : 1;
    }

    public static async Task<int> RunBatchAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var a = new ArgReader(args, Aliases, Valued, Flags);
        if (a.Flag("--help"))
        {
            await stdout.WriteLineAsync(BatchUsage);
            return 0;
        }
        if (a.Positionals.Count != 1)
        {
            throw new UsageException("batch takes one DIR or LIST file");
        }
        var source = a.Positionals[0];
        List<string> inputs = Directory.Exists(source)
            ? InputFolder.Files(source)
            : File.Exists(source)
                ? (await File.ReadAllLinesAsync(source, ct)).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList()
                : throw new UsageException($"{source} is neither a folder nor a list file");
        var rows = await RunAllAsync(a, inputs, Math.Max(1, a.GetInt("--concurrency", 4)), stderr, ct);
        await PrintSummaryAsync(stdout, rows);
        return rows.All(r => r.Error is null) ? 0 : 1;
    }

    internal sealed record Row(string Input, string Status, int Pages, double Seconds, string? Error);

    private static async Task<List<Row>> RunAllAsync(ArgReader a, IReadOnlyList<string> inputs, int concurrency, TextWriter stderr, CancellationToken ct)
    {
        var output = a.Get("--output") ?? throw new UsageException("an output folder is required: -o OUT");
        var options = EndpointArgs.Resolve(a.Get("--endpoint"), a.Get("--api-key")) with { Timeout = TimeSpan.FromSeconds(a.GetInt("--timeout", 1800)) };
        var fanOut = a.GetInt("--fan-out", 0);
        if (fanOut is > 0 and < FanOutParser.MinPagesPerJob)
        {
            throw new UsageException($"--fan-out needs at least {FanOutParser.MinPagesPerJob} pages per job");
        }
        var parallel = Math.Max(1, a.GetInt("--parallel", 4));
        using var client = new QuarryClient(options);
        var rows = new ConcurrentBag<Row>();
        using var bar = new ProgressBar(stderr, !a.Flag("--no-progress") && !Console.IsErrorRedirected, "inputs");
        bar.AddTotal(inputs.Count);
        await Parallel.ForEachAsync(inputs, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct }, async (input, token) =>
        {
            var request = EndpointArgs.Request(input) with
            {
                Transport = a.Get("--transport") ?? "auto",
                StartPage = a.GetInt("--start-page", 0),
                EndPage = a.GetInt("--end-page", -1),
            };
            var basename = request.Basename ?? "doc";
            if (File.Exists(Path.Combine(output, basename, basename + ".md")))
            {
                rows.Add(new Row(input, "skipped", 0, 0, null));
                bar.Advance(basename);
                return;
            }
            var clock = Stopwatch.StartNew();
            try
            {
                var result = fanOut > 0
                    ? await FanOutParser.ParseAsync(client, request, fanOut, parallel, ct: token)
                    : await client.ParseAsync(request, token);
                result.WriteTo(output);
                rows.Add(new Row(input, "ok", result.Pages, clock.Elapsed.TotalSeconds, null));
            }
            catch (QuarryJobException ex)
            {
                rows.Add(new Row(input, "failed", 0, clock.Elapsed.TotalSeconds, $"{ex.Code}: {ex.Message}"));
            }
            catch (QuarryRequestException ex)
            {
                rows.Add(new Row(input, "failed", 0, clock.Elapsed.TotalSeconds, $"REQUEST: {ex.Message}"));
            }
            catch (IOException ex)
            {
                rows.Add(new Row(input, "failed", 0, clock.Elapsed.TotalSeconds, $"INVALID_INPUT: {ex.Message}"));
            }
            bar.Advance(basename);
        });
        return rows.OrderBy(r => r.Input, StringComparer.Ordinal).ToList();
    }

    private static async Task PrintSummaryAsync(TextWriter w, List<Row> rows)
    {
        var width = Math.Clamp(rows.Select(r => r.Input.Length).DefaultIfEmpty(5).Max(), 5, 60);
        await w.WriteLineAsync($"{"input".PadRight(width)}  {"pages",5}  {"seconds",8}  status");
        foreach (var r in rows)
        {
            var name = r.Input.Length > width ? "…" + r.Input[^(width - 1)..] : r.Input;
            await w.WriteLineAsync($"{name.PadRight(width)}  {r.Pages,5}  {r.Seconds,8:F2}  {r.Error ?? r.Status}");
        }
        var ok = rows.Count(r => r.Status == "ok");
        var skipped = rows.Count(r => r.Status == "skipped");
        var failed = rows.Count(r => r.Error is not null);
        await w.WriteLineAsync($"{ok} parsed, {skipped} skipped, {failed} failed; {rows.Sum(r => r.Pages)} pages in {rows.Sum(r => r.Seconds):F1} s of job time");
    }
}
