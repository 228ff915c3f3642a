using System.Diagnostics;
using Quarry.Cli.Terminal;
using Quarry.Core.Output;
using Quarry.Parsing.Pipeline;
using Quarry.Parsing.Errors;
using Quarry.Parsing.Output;

namespace Quarry.Cli.Commands;

/// <summary>
/// <c>quarry parse INPUT... -o OUT</c>: parses each input into <c>OUT/B/</c>. Inputs run in parallel (pages
/// within a single input do instead); a failed input prints one line and the rest still complete.
/// </summary>
public static class ParseCommand
{
    public const string Usage = """
        usage: quarry parse INPUT... -o OUT [options]

        Parses PDFs into OUT/<name>/ (<name>.md, <name>_content_list.json, <name>_content_list_v2.json,
        <name>_middle.json, images/). An INPUT is a PDF, a PNG/JPEG image or a (multi-page) TIFF, or a
        directory: its PDFs and images are parsed (images need OCR: --engine auto or ocr).

        options:
          -o, --output DIR       output folder (required)
          -e, --engine NAME      auto (default, as MinerU: the text layer, and OCR for pages
                                 whose text layer cannot be trusted, such as scans), txt
                                 (text layer only) or ocr (every page)
          -s, --start-page N     first page, 0-based (default 0)
          -E, --end-page N       last page, 0-based inclusive; negative = last page (default -1)
          -j, --jobs N           documents parsed at once (default: cores)
              --layout NAME      quarry (default): OUT/<name>/; mineru: OUT/<name>/<method>/ as
                                 MinerU writes it (method = the engine: txt, auto or ocr), <name>
                                 being the input's file name without extension, unchanged
              --page-budget MS   layout time per page before it degrades to plain text (default 1000)
              --debug-pdfs       also write MinerU's <name>_layout.pdf and <name>_span.pdf (block and
                                 span boxes drawn over the source pages; PDF inputs only)
              --no-crops         skip the JPEG crops of tables and equations (img_path left
                                 empty); saves rendering the pages that hold them
              --no-progress      never draw the progress bar
              --quiet            print failures only (no progress, summary or warnings)

        A document that parses with degraded pages (an image over the size limit, a page whose content
        could not be read, a scanned page while the OCR models are missing) still succeeds: one warning
        line on stderr names the pages, why, and the fix when there is one.
        """;

    private static readonly Dictionary<string, string> Aliases = new()
    {
        ["-o"] = "--output", ["-e"] = "--engine", ["-s"] = "--start-page", ["-E"] = "--end-page", ["-j"] = "--jobs",
        ["--start"] = "--start-page", ["--end"] = "--end-page", ["-b"] = "--backend", ["--method"] = "--engine",
    };

    private static readonly HashSet<string> Valued = ["--output", "--engine", "--start-page", "--end-page", "--jobs", "--page-budget", "--layout"];
    private static readonly HashSet<string> Flags = ["--no-progress", "--no-crops", "--quiet", "--help", "--debug-pdfs"];

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var a = new ArgReader(args, Aliases, Valued, Flags);
        if (a.Flag("--help"))
        {
            await stdout.WriteLineAsync(Usage);
            return 0;
        }
        var output = a.Get("--output") ?? throw new UsageException("parse needs an output folder: -o OUT");
        if (a.Positionals.Count == 0)
        {
            throw new UsageException("parse needs at least one input file");
        }
        var engine = a.Get("--engine") ?? DefaultEngine;
        _ = DocumentParser.Engine(engine); // fail fast on a bad name, before any work
        var layout = ParseLayout(a.Get("--layout"));
        var inputs = ExpandInputs(a.Positionals);
        if (inputs.Count == 0)
        {
            throw new UsageException($"no PDF or image to parse in {string.Join(", ", a.Positionals)} (folders are read one level deep: *.pdf, *.png, *.jpg, *.jpeg, *.tif, *.tiff)");
        }
        var jobs = Math.Max(1, a.GetInt("--jobs", Environment.ProcessorCount));
        var concurrent = Math.Min(jobs, inputs.Count);
        var options = new ParseOptions
        {
            StartPage = a.GetInt("--start-page", 0),
            EndPage = a.GetInt("--end-page", -1),
            PageBudget = TimeSpan.FromMilliseconds(a.GetInt("--page-budget", 1000)),
            Crops = !a.Flag("--no-crops"),
            // One document: its pages in parallel. Many: documents in parallel, pages in order.
            MaxDegreeOfParallelism = concurrent > 1 ? 1 : Environment.ProcessorCount,
        };
        var debugPdfs = a.Flag("--debug-pdfs");
        var quiet = a.Flag("--quiet");
        var showBar = !a.Flag("--no-progress") && !quiet && !Console.IsErrorRedirected;
        var failures = 0;
        var pagesDone = 0;
        var clock = Stopwatch.StartNew();
        using (var bar = new ProgressBar(stderr, showBar))
        {
            await Parallel.ForEachAsync(inputs, new ParallelOptions { MaxDegreeOfParallelism = concurrent, CancellationToken = ct }, (input, token) =>
            {
                var result = ParseOne(input, output, layout, engine, options, debugPdfs, bar, token);
                if (result.Error is not null)
                {
                    Interlocked.Increment(ref failures);
                    lock (stderr)
                    {
                        stderr.WriteLine($"error: {input}: {result.Error}");
                    }
                }
                else
                {
                    Interlocked.Add(ref pagesDone, result.Pages);
                    if (result.Warning is not null && !quiet)
                    {
                        lock (stderr)
                        {
                            stderr.WriteLine($"warning: {input}: {result.Warning}");
                        }
                    }
                }
                return ValueTask.CompletedTask;
            });
        }
        if (!quiet)
        {
            var seconds = clock.Elapsed.TotalSeconds;
            await stdout.WriteLineAsync(
                $"parsed {inputs.Count - failures}/{inputs.Count} inputs, {pagesDone} pages in {seconds:F2}s ({(seconds > 0 ? pagesDone / seconds : 0):F1} pages/s) -> {output}");
        }
        return failures == 0 ? 0 : 1;
    }

    /// <summary>MinerU's <c>parse_method</c> default: born-digital pages keep their text layer, scans get OCR.</summary>
    internal const string DefaultEngine = "auto";

    private readonly record struct Outcome(int Pages, string? Error, string? Warning = null);

    /// <summary>Most pages a warning line names before it says how many more.</summary>
    private const int WarnPages = 3;

    private static OutputLayout ParseLayout(string? name) => name is null
        ? OutputLayout.Quarry
        : OutputFolders.TryParse(name) ?? throw new UsageException($"unknown layout '{name}': use quarry or mineru");

    private static Outcome ParseOne(string input, string output, OutputLayout layout, string engine, ParseOptions options, bool debugPdfs, ProgressBar bar, CancellationToken ct)
    {
        try
        {
            if (!File.Exists(input))
            {
                throw new ParseException(ErrorCode.InvalidInput, "no such file");
            }
            var bytes = File.ReadAllBytes(input);
            var basename = OutputFolders.Name(input, layout, Basename.From(input));
            var label = Path.GetFileName(input);
            var seen = 0;
            var progress = new InlineProgress<ParseProgress>(p =>
            {
                if (Interlocked.Exchange(ref seen, Math.Max(seen, 1)) == 0)
                {
                    bar.AddTotal(p.Total);
                }
                bar.Advance(label);
            });
            var document = DocumentParser.Parse(bytes, basename, engine, options, progress, ct);
            var folder = OutputFolders.For(output, basename, layout, engine);
            OutputBundle.From(document).WriteTo(folder);
            var debugWarning = debugPdfs ? DebugPdfWriter.TryWrite(bytes, document, folder) : null;
            string?[] warnings = [DegradedWarning(document), debugWarning];
            return new Outcome(document.Pages.Count, null, warnings.Any(w => w is not null) ? string.Join("; ", warnings.OfType<string>()) : null);
        }
        catch (ParseException ex)
        {
            return new Outcome(0, ex.ToString());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new Outcome(0, $"{ErrorCode.FetchFailed.ToWire()}: {ex.Message}");
        }
    }

    /// <summary>
    /// <c>1 page degraded (page 30: content stream unreadable)</c>: pages numbered as in the source (1-based),
    /// grouped by reason (<c>pages 1–8, 12: …</c>), and the fix when one applies; null when no page is degraded.
    /// </summary>
    internal static string? DegradedWarning(Quarry.Core.Model.ParsedDocument document)
    {
        var degraded = document.DegradedPages.ToList();
        if (degraded.Count == 0)
        {
            return null;
        }
        var groups = degraded.GroupBy(d => d.Reason).ToList();
        var named = groups.Take(WarnPages).Select(g =>
        {
            var pages = g.Select(d => document.StartPage + d.PageIndex + 1).ToList();
            return $"page{(pages.Count == 1 ? "" : "s")} {PageRuns(pages)}: {g.Key}";
        });
        var more = groups.Count > WarnPages ? $"; {groups.Count - WarnPages} more reasons" : "";
        var fix = degraded.Any(d => d.Reason.Contains(Quarry.Parsing.Readers.Ocr.OcrModels.MissingReason, StringComparison.Ordinal))
            ? $"; fix: {Quarry.Parsing.Readers.Ocr.OcrModels.InstallHint}"
            : "";
        return $"{degraded.Count} page{(degraded.Count == 1 ? "" : "s")} degraded ({string.Join("; ", named)}){fix}";
    }

    /// <summary><c>1–8, 12, 15–16</c> for ascending page numbers; past a few runs, how many more pages.</summary>
    internal static string PageRuns(IReadOnlyList<int> pages)
    {
        const int MaxRuns = 4;
        var runs = new List<(int From, int To)>();
        foreach (var p in pages)
        {
            if (runs.Count > 0 && runs[^1].To + 1 == p)
            {
                runs[^1] = (runs[^1].From, p);
            }
            else
            {
                runs.Add((p, p));
            }
        }
        var shown = runs.Take(MaxRuns).Select(r => r.From == r.To ? $"{r.From}" : $"{r.From}–{r.To}");
        var rest = runs.Skip(MaxRuns).Sum(r => r.To - r.From + 1);
        return string.Join(", ", shown) + (rest > 0 ? $" and {rest} more" : "");
    }

    private static List<string> ExpandInputs(IEnumerable<string> positionals)
    {
        var inputs = new List<string>();
        foreach (var p in positionals)
        {
            if (Directory.Exists(p))
            {
                inputs.AddRange(InputFolder.Files(p));
            }
            else
            {
                inputs.Add(p);
            }
        }
        return inputs;
    }
}

/// <summary>An <see cref="IProgress{T}"/> that reports on the caller's thread (Progress&lt;T&gt; posts to the pool).</summary>
public sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
