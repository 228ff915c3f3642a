using System.CommandLine;
using System.Diagnostics;
using Quarry.Cli.Terminal;
using Quarry.Core.Output;
using Quarry.Parsing.Pipeline;
using Quarry.Parsing.Errors;
using Quarry.Parsing.Output;
using Quarry.Parsing.Readers.Model.Vlm;
using Quarry.Parsing.Readers.Ocr;
using Quarry.Parsing.Routing;

namespace Quarry.Cli.Commands;

/// <summary>
/// <c>quarry parse INPUT... -o OUT</c>: parses each input into <c>OUT/B/</c>. Inputs run in parallel (pages
/// within a single input do instead); a failed input prints one line and the rest still complete.
/// </summary>
public static class ParseCommand
{
    private static readonly Argument<string[]> Inputs = CliOption.Inputs("INPUT", "PDFs, PNG/JPEG images, (multi-page) TIFFs, DOCX/PPTX/XLSX, or folders of them (read one level deep)");
    private static readonly Option<string> Output = CliOption.Text("--output", "DIR", "output folder (required)", "-o");
    private static readonly Option<string> EngineOption = new("--engine", "-e", "--method")
    {
        Description = "auto (default, as MinerU: the text layer, and OCR for pages whose text layer cannot be trusted, "
            + "such as scans), txt (text layer only), ocr (every page), vlm (every page through the model server) "
            + "or hybrid (the text layer, and the model for what it reads badly)",
        HelpName = "NAME",
        DefaultValueFactory = _ => DefaultEngine,
        CompletionSources = { _ => DocumentParser.EngineNames },
    };
    private static readonly Option<int> StartPage = CliOption.Int("--start-page", "N", "first page, 0-based", 0, "-s", "--start");
    private static readonly Option<int> EndPage = CliOption.Int("--end-page", "N", "last page, 0-based inclusive; negative = last page", -1, "-E", "--end");
    private static readonly Option<int> Jobs = CliOption.Int("--jobs", "N", "documents parsed at once (default: cores)", Environment.ProcessorCount, "-j");
    private static readonly Option<string> Layout = CliOption.Text("--layout", "NAME",
        "quarry (default): OUT/<name>/; mineru: OUT/<name>/<method>/ as MinerU writes it (method = the engine), <name> being the input's file name without extension, unchanged");
    private static readonly Option<string> Lang = new("--lang", "-l")
    {
        Description = "OCR language, as MinerU's lang: ch (default; also en) reads Chinese and English with the installed model; "
            + "the others (latin, arabic, cyrillic, east_slavic, korean, japan, …) need their model (scripts/install-models.sh LANG)",
        HelpName = "LANG",
        DefaultValueFactory = _ => OcrLanguages.Default.Key,
        CompletionSources = { _ => OcrLanguages.Names },
    };
    private static readonly Option<int> PageBudget = CliOption.Int("--page-budget", "MS", "layout time per page before it degrades to plain text", 1000);
    private static readonly Option<bool> DebugPdfs = CliOption.Flag("--debug-pdfs",
        "also write MinerU's <name>_layout.pdf and <name>_span.pdf (block and span boxes drawn over the source pages; PDF inputs only)");
    private static readonly Option<bool> NoCrops = CliOption.Flag("--no-crops",
        "skip the JPEG crops of tables and equations (img_path left empty); saves rendering the pages that hold them");
    private static readonly Option<bool> NoProgress = CliOption.Flag("--no-progress", "never draw the progress bar (it is drawn only when stderr is a terminal)");
    private static readonly Option<bool> Quiet = CliOption.Flag("--quiet", "print failures only (no progress, summary or warnings)");
    private static readonly Option<string> VlmUrl = CliOption.Text("--vlm-url", "URL",
        $"model server (OpenAI-compatible, e.g. vLLM serving MinerU2.5) for --engine vlm or hybrid; default ${VlmOptions.ServerUrlVariable}");
    private static readonly Option<string> VlmModel = CliOption.Text("--vlm-model", "ID",
        $"served model id; default ${VlmOptions.ModelVariable}, else the only model the server lists at /v1/models");
    private static readonly Option<string> Effort = new Option<string>("--effort")
    {
        Description = "hybrid only: medium (default: born-digital pages keep the text layer, only tables, equations, "
            + "figures with text and untrusted pages go to the model) or high (every page through the model, text corrected by the text layer)",
        HelpName = "LEVEL",
    }.AcceptOnlyFromAmong([.. ModelArgs.Efforts]);

    public static Command Create()
    {
        var command = new DocumentedCommand("parse", "parse PDFs and images into OUT/<name>/ (Markdown and MinerU's JSON files)")
        {
            Epilog = $"""
                Each input becomes OUT/<name>/: <name>.md, <name>_content_list.json, <name>_content_list_v2.json,
                <name>_middle.json and images/. Images need OCR or the model (not --engine txt).

                A document that parses with degraded pages (an image over the size limit, a page whose content
                could not be read, a scanned page while the OCR models are missing) still succeeds: one warning
                line on stderr names the pages, why, and the fix when there is one.

                The model server's API key is read from ${VlmOptions.ApiKeyVariable} only: there is no option for it,
                as command lines are visible to every user of the machine (ps). Tuning: the other QUARRY_VLM_*
                variables (docs/vlm.md).
                """,
        };
        command.Add(Inputs);
        foreach (var option in new Option[] { Output, EngineOption, Lang, StartPage, EndPage, Jobs, Layout, PageBudget, DebugPdfs, NoCrops, NoProgress, Quiet, VlmUrl, VlmModel, Effort })
        {
            command.Add(option);
        }
        command.Validators.Add(r =>
        {
            if (r.GetResult(Output) is null)
            {
                r.AddError("parse needs an output folder: -o OUT");
            }
            else if (r.GetValue(Inputs) is not { Length: > 0 })
            {
                r.AddError("parse needs at least one input file");
            }
        });
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult a, CancellationToken ct)
    {
        var stdout = a.InvocationConfiguration.Output;
        var stderr = a.InvocationConfiguration.Error;
        var output = a.GetRequiredValue(Output);
        var engine = a.GetRequiredValue(EngineOption);
        // Before the engine name: "--engine vlm" with no server says what is missing, whatever this build's engines are.
        var model = ModelArgs.Resolve(engine, a.GetValue(VlmUrl), a.GetValue(VlmModel), a.GetValue(Effort), Environment.GetEnvironmentVariable);
        _ = DocumentParser.Engine(engine); // fail fast on a bad name, before any work
        var language = OcrLanguages.Require(a.GetRequiredValue(Lang)); // and on a language that cannot be read here
        var layout = ParseLayout(a.GetValue(Layout));
        var positionals = a.GetRequiredValue(Inputs);
        var inputs = ExpandInputs(positionals).Distinct().ToList(); // a file named twice is parsed once
        if (inputs.Count == 0)
        {
            throw new UsageException($"no PDF, image or Office document to parse in {string.Join(", ", positionals)} (folders are read one level deep: {InputFolder.Patterns})");
        }
        var names = OutputNames.Assign(inputs, layout);
        var concurrent = Math.Min(Math.Max(1, a.GetValue(Jobs)), inputs.Count);
        var options = new ParseOptions
        {
            StartPage = a.GetValue(StartPage),
            EndPage = a.GetValue(EndPage),
            PageBudget = TimeSpan.FromMilliseconds(a.GetValue(PageBudget)),
            Crops = !a.GetValue(NoCrops),
            OcrLanguage = language,
            // One document: its pages in parallel. Many: documents in parallel, pages in order.
            MaxDegreeOfParallelism = concurrent > 1 ? 1 : Environment.ProcessorCount,
        };
        if (model is not null)
        {
            options = options with
            {
                ModelReader = VlmPageReader.Create(model.ToVlmOptions() with
                {
                    // The breaker opening explains the failures that follow; say so once, where the user looks.
                    OnBreakerStateChanged = (server, state) =>
                    {
                        if (state == "OPEN")
                        {
                            stderr.WriteLine($"warning: model server {server} keeps failing; its circuit breaker is open, so requests fail fast until it recovers");
                        }
                    },
                }),
                Effort = model.Effort == "high" ? HybridEffort.High : HybridEffort.Medium,
            };
        }
        var debugPdfs = a.GetValue(DebugPdfs);
        var quiet = a.GetValue(Quiet);
        var failures = 0;
        var pagesDone = 0;
        var clock = Stopwatch.StartNew();
        await TerminalProgress.RunAsync(stderr, !a.GetValue(NoProgress) && !quiet, "pages", progress =>
            Parallel.ForEachAsync(inputs, new ParallelOptions { MaxDegreeOfParallelism = concurrent, CancellationToken = ct }, (input, token) =>
            {
                var result = ParseOne(input, names[input], output, layout, engine, options, debugPdfs, progress, token);
                if (result.Error is not null)
                {
                    Interlocked.Increment(ref failures);
                    progress.WriteLine($"error: {input}: {result.Error}");
                }
                else
                {
                    Interlocked.Add(ref pagesDone, result.Pages);
                    if (result.Warning is not null && !quiet)
                    {
                        progress.WriteLine($"warning: {input}: {result.Warning}");
                    }
                }
                return ValueTask.CompletedTask;
            }));
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

    private static Outcome ParseOne(string input, string basename, string output, OutputLayout layout, string engine, ParseOptions options, bool debugPdfs, IProgressSink bar, CancellationToken ct)
    {
        try
        {
            if (!File.Exists(input))
            {
                throw new ParseException(ErrorCode.InvalidInput, "no such file");
            }
            var bytes = File.ReadAllBytes(input);
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
