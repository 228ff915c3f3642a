// Speed harness: full structured parse (engine + all MinerU writers, in memory) over a set of PDFs.
// Prints one JSON line: pages, seconds, pages/s, slowest page, degraded pages, peak working set.
// usage: Quarry.Bench [--threads N] [--warmup] [--repeat N] [--engine txt|ocr|auto] [--stages] [--no-crops] [--ocr-dpi N] [--md DIR] FILE_OR_DIR...
// --warmup parses every file once first (steady state, as in a long-running worker); without it the
// figure includes JIT compilation, as a one-shot CLI run does. --repeat measures N passes in a row.
// --stages listens to Quarry's OCR stage timings (OcrMetrics) and prints, per stage, the seconds summed over
// the measured pass and per OCR'd page, before the JSON line (summed over threads: with --threads 2 the
// stages add up to about twice the wall time). --threads 1 gives a one-page-at-a-time profile.
// --calibrate-ocr OUT.json measures the recogniser's int8 calibration table (activation ranges) on the first
// page of each input, rendered as OCR renders it, and writes it (shipped as
// src/Quarry.Parsing/Readers/Ocr/Graph/*.calibration.json; docs/ocr.md).
// --boot only loads and warms the OCR models (what a worker pays at boot) and prints that wall and CPU time.
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Quarry.Core.Output;
using Quarry.Parsing.Pipeline;
using Quarry.Parsing.Errors;

var threads = Environment.ProcessorCount;
var inputs = new List<string>();
var warmup = false;
var repeat = 1;
var engine = "txt";
var stages = false;
var bootOnly = false;
string? calibrationOut = null;
var crops = true;
var ocrDpi = new ParseOptions().OcrDpi;
string? mdDir = null;
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--threads") threads = int.Parse(args[++i]);
    else if (args[i] == "--warmup") warmup = true;
    else if (args[i] == "--repeat") repeat = int.Parse(args[++i]);
    else if (args[i] == "--engine") engine = args[++i];
    else if (args[i] == "--stages") stages = true;
    else if (args[i] == "--boot") bootOnly = true;
    else if (args[i] == "--calibrate-ocr") calibrationOut = args[++i];
    else if (args[i] == "--no-crops") crops = false;
    else if (args[i] == "--ocr-dpi") ocrDpi = int.Parse(args[++i]);
    else if (args[i] == "--md") mdDir = Directory.CreateDirectory(args[++i]).FullName;
    else if (Directory.Exists(args[i])) inputs.AddRange(Directory.EnumerateFiles(args[i], "*.pdf", SearchOption.AllDirectories).Order());
    else inputs.Add(args[i]);
}
if (calibrationOut is not null)
{
    var models = Quarry.Parsing.Readers.Ocr.OcrModels.Locate() ?? throw Quarry.Parsing.Readers.Ocr.OcrModels.Unavailable();
    var temp = Directory.CreateTempSubdirectory("quarry-calibrate-");
    var pages = inputs.Select((pdf, n) =>
    {
        var prefix = Path.Combine(temp.FullName, $"p{n}");
        using (var render = Process.Start("pdftoppm", ["-gray", "-r", ocrDpi.ToString(System.Globalization.CultureInfo.InvariantCulture), "-f", "1", "-l", "1", pdf, prefix])!)
        {
            render.WaitForExit();
        }
        return Quarry.Parsing.Imaging.GrayImage.DecodePgm(File.ReadAllBytes(Directory.GetFiles(temp.FullName, $"p{n}*.pgm").Single()));
    });
    var table = Quarry.Parsing.Readers.Ocr.Graph.RecognizerCalibration.Measure(
        Path.Combine(models, Quarry.Parsing.Readers.Ocr.OcrLanguages.Default.RecognizerFile), Quarry.Parsing.Readers.Ocr.OcrModels.Shared.Detector, pages);
    File.WriteAllText(calibrationOut, table + "\n");
    temp.Delete(recursive: true);
    Console.WriteLine($"wrote {calibrationOut}");
    return;
}
var files = inputs.Select(f => (Name: f, Bytes: File.ReadAllBytes(f))).ToList();
double? modelsLoadMs = null;
double? modelsLoadCpuMs = null;
if ((engine != "txt" || bootOnly) && Quarry.Parsing.Readers.Ocr.OcrModels.Available)
{
    // What a worker pays at boot for OCR: the three sessions created and run once (OcrModels warms them).
    // CPU time too: on a shared machine the wall time mostly says how busy the other processes are.
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var load = Stopwatch.StartNew();
    _ = Quarry.Parsing.Readers.Ocr.OcrModels.Shared;
    modelsLoadMs = Math.Round(load.Elapsed.TotalMilliseconds, 1);
    modelsLoadCpuMs = Math.Round((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds, 1);
}
if (bootOnly)
{
    Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(new { ocr_models_load_ms = modelsLoadMs, ocr_models_load_cpu_ms = modelsLoadCpuMs }));
    return;
}
if (warmup)
{
    foreach (var f in files) Run(f.Name, f.Bytes);
}
var stageSeconds = new System.Collections.Concurrent.ConcurrentDictionary<string, (double Seconds, long Count)>();
using var listener = new MeterListener();
if (stages)
{
    listener.InstrumentPublished = (instrument, l) =>
    {
        if (instrument.Meter.Name == Quarry.Parsing.Readers.Ocr.OcrMetrics.MeterName && instrument.Name == Quarry.Parsing.Readers.Ocr.OcrMetrics.StageDurationName)
        {
            l.EnableMeasurementEvents(instrument);
        }
    };
    listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "stage" && tag.Value is string stage)
            {
                stageSeconds.AddOrUpdate(stage, (value, 1), (_, old) => (old.Seconds + value, old.Count + 1));
            }
        }
    });
    listener.Start();
}
// Documents in parallel, pages of each document in order: the batch mode of `quarry parse`.
var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
var clock = Stopwatch.StartNew();
var results = new System.Collections.Concurrent.ConcurrentBag<(string Name, int Pages, double MaxPageMs, int Degraded, string? Error)>();
Parallel.ForEach(Enumerable.Repeat(files, repeat).SelectMany(x => x), new ParallelOptions { MaxDegreeOfParallelism = threads }, f =>
{
    try
    {
        var (pages, max, degraded) = Run(f.Name, f.Bytes);
        results.Add((f.Name, pages, max, degraded, null));
    }
    catch (ParseException ex)
    {
        results.Add((f.Name, 0, 0, 0, ex.Code.ToWire()));
    }
});
var seconds = clock.Elapsed.TotalSeconds;
listener.Dispose();
if (stages)
{
    var ocrPages = Math.Max(1, stageSeconds.TryGetValue("page", out var p) ? p.Count : 0);
    Console.WriteLine($"{"stage",-18} {"calls",7} {"seconds",9} {"ms/page",9}");
    foreach (var (stage, (sum, count)) in stageSeconds.OrderByDescending(s => s.Value.Seconds))
    {
        Console.WriteLine($"{stage,-18} {count,7} {sum,9:F2} {sum * 1000 / ocrPages,9:F1}");
    }
}
var totalPages = results.Sum(r => r.Pages);
var slowest = results.MaxBy(r => r.MaxPageMs);
Process.GetCurrentProcess().Refresh();
Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(new
{
    files = files.Count,
    failed = results.Count(r => r.Error is not null),
    pages = totalPages,
    seconds = Math.Round(seconds, 3),
    // CPU seconds of the process over the measured pass: steadier than wall time on a shared machine.
    cpu_seconds = Math.Round((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds, 3),
    pages_per_second = Math.Round(totalPages / seconds, 1),
    slowest_page_ms = Math.Round(slowest.MaxPageMs, 1),
    slowest_file = Path.GetFileName(slowest.Name),
    degraded_pages = results.Sum(r => r.Degraded),
    peak_working_set_mb = Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024),
    threads,
    engine,
    crops,
    ocr_models_load_ms = modelsLoadMs,
    ocr_models_load_cpu_ms = modelsLoadCpuMs,
}));

(int Pages, double MaxPageMs, int Degraded) Run(string name, byte[] bytes)
{
    var doc = DocumentParser.Parse(bytes, "b", engine, new ParseOptions { MaxDegreeOfParallelism = 1, OcrDpi = ocrDpi, Crops = crops });
    if (mdDir is not null)
    {
        File.WriteAllText(Path.Combine(mdDir, Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(name)))! + ".md"), Quarry.Core.Writers.MarkdownWriter.Write(doc));
    }
    foreach (var file in OutputBundle.From(doc).Files)
    {
        file.WriteTo(Stream.Null);
    }
    return (doc.Pages.Count, doc.Pages.Max(p => p.ElapsedMilliseconds), doc.Pages.Count(p => p.Degraded));
}
