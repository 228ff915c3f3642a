using ParseResult = System.CommandLine.ParseResult;
using System.CommandLine;
using System.Collections.Concurrent;
using System.Diagnostics;
using Quarry.Cli.Terminal;
using Quarry.Client;
using Quarry.Client.FanOut;
using Quarry.Core.Output;

namespace Quarry.Cli.Commands;

/// <summary>
/// <c>quarry submit</c> (one input) and <c>quarry batch</c> (many): parse on a remote endpoint and write
/// <c>OUT/B/</c> as <c>quarry parse</c> would. Batches are resumable and end with a summary table.
/// </summary>
public static class SubmitCommand
{
    private static readonly Argument<string[]> Inputs = CliOption.Inputs("INPUT", "submit: one FILE or URL; batch: a DIR of PDFs or a LIST file");
    private static readonly Option<string> Endpoint = CliOption.Text("--endpoint", "URL|ID", "where to send the job: a quarry serve URL or a RunPod endpoint id (default $QUARRY_ENDPOINT)");
    private static readonly Option<string> ApiKey = CliOption.Text("--api-key", "KEY", "bearer key (default $QUARRY_API_KEY for URLs, $RUNPOD_API_KEY for ids)");
    private static readonly Option<string> Output = CliOption.Text("--output", "DIR", "output folder (required)", "-o");
    private static readonly Option<string> Transport = new("--transport")
    {
        Description = "how the result comes back: auto, inline, tarball_b64 or s3",
        HelpName = "NAME",
        DefaultValueFactory = _ => "auto",
    };
    private static readonly Option<int> StartPage = CliOption.Int("--start-page", "N", "first page, 0-based", 0, "-s");
    private static readonly Option<int> EndPage = CliOption.Int("--end-page", "N", "last page, 0-based inclusive; negative = last page", -1, "-E");
    private static readonly Option<int> FanOut = CliOption.Int("--fan-out", "PAGES", $"split into jobs of PAGES pages (at least {FanOutParser.MinPagesPerJob}) run in parallel, merged into one result; 0 = one job", 0);
    private static readonly Option<int> Parallel = CliOption.Int("--parallel", "N", "jobs in flight for --fan-out", 4);
    private static readonly Option<int> Timeout = CliOption.Int("--timeout", "SECONDS", "overall limit", 1800);
    private static readonly Option<int> Concurrency = CliOption.Int("--concurrency", "N", "inputs in flight", 4, "-j");
    private static readonly Option<bool> NoProgress = CliOption.Flag("--no-progress", "never draw the progress bar (it is drawn only when stderr is a terminal)");

    public static Command CreateSubmit()
    {
        var command = new DocumentedCommand("submit", "parse one document on an endpoint")
        {
            Epilog = """
                Parses one document (a file or an http(s) URL) on a quarry serve host (URL) or a RunPod endpoint
                (ID, key from RUNPOD_API_KEY) and writes OUT/<name>/ like quarry parse.
                """,
        };
        AddShared(command);
        command.Validators.Add(r =>
        {
            if (r.GetValue(Inputs) is not { Length: 1 })
            {
                r.AddError("submit takes exactly one FILE or URL");
            }
        });
        command.SetAction(async (a, ct) =>
        {
            var rows = await RunAllAsync(a, a.GetRequiredValue(Inputs), concurrency: 1, ct);
            await PrintSummaryAsync(a.InvocationConfiguration.Output, rows);
            return rows.All(r => r.Error is null) ? 0 : 1;
        });
        return command;
    }

    public static Command CreateBatch()
    {
        var command = new DocumentedCommand("batch", "parse many documents on an endpoint, resumable")
        {
            Epilog = """
                Parses every document in DIR (*.pdf, images, *.docx, *.pptx, *.xlsx) (or every path/URL listed one per line in the LIST file) remotely.
                Inputs whose OUT/<name>/<name>.md already exists are skipped, so an interrupted batch resumes.
                Ends with a table: input, pages, seconds, status (error codes for failures). Exit 1 if any failed.
                """,
        };
        AddShared(command);
        command.Add(Concurrency);
        command.Validators.Add(r =>
        {
            if (r.GetValue(Inputs) is not { Length: 1 })
            {
                r.AddError("batch takes one DIR or LIST file");
            }
        });
        command.SetAction(async (a, ct) =>
        {
            var source = a.GetRequiredValue(Inputs)[0];
            List<string> inputs = Directory.Exists(source)
                ? InputFolder.Files(source)
                : File.Exists(source)
                    ? (await File.ReadAllLinesAsync(source, ct)).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList()
                    : throw new UsageException($"{source} is neither a folder nor a list file");
            var rows = await RunAllAsync(a, inputs, Math.Max(1, a.GetValue(Concurrency)), ct);
            await PrintSummaryAsync(a.InvocationConfiguration.Output, rows);
            return rows.All(r => r.Error is null) ? 0 : 1;
        });
        return command;
    }

    private static void AddShared(Command command)
    {
        command.Add(Inputs);
        foreach (var option in new Option[] { Endpoint, ApiKey, Output, Transport, StartPage, EndPage, FanOut, Parallel, Timeout, NoProgress })
        {
            command.Add(option);
        }
    }

    internal sealed record Row(string Input, string Status, int Pages, double Seconds, string? Error);

    private static async Task<List<Row>> RunAllAsync(ParseResult a, IReadOnlyList<string> inputs, int concurrency, CancellationToken ct)
    {
        var output = a.GetValue(Output) ?? throw new UsageException("an output folder is required: -o OUT");
        var options = EndpointArgs.Resolve(a.GetValue(Endpoint), a.GetValue(ApiKey)) with { Timeout = TimeSpan.FromSeconds(a.GetValue(Timeout)) };
        var fanOut = a.GetValue(FanOut);
        if (fanOut is > 0 and < FanOutParser.MinPagesPerJob)
        {
            throw new UsageException($"--fan-out needs at least {FanOutParser.MinPagesPerJob} pages per job");
        }
        var parallel = Math.Max(1, a.GetValue(Parallel));
        var renamed = OutputNames.Renamed(inputs, OutputLayout.Quarry);
        using var client = new QuarryClient(options);
        var rows = new ConcurrentBag<Row>();
        await TerminalProgress.RunAsync(a.InvocationConfiguration.Error, !a.GetValue(NoProgress), "inputs", bar =>
        {
            bar.AddTotal(inputs.Count);
            return System.Threading.Tasks.Parallel.ForEachAsync(inputs, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct }, async (input, token) =>
            {
                var request = EndpointArgs.Request(input) with
                {
                    Transport = a.GetRequiredValue(Transport),
                    StartPage = a.GetValue(StartPage),
                    EndPage = a.GetValue(EndPage),
                };
                if (renamed.TryGetValue(input, out var unclashed))
                {
                    request = request with { Basename = unclashed };
                }
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
