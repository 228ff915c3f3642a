// Speed harness: full structured parse (engine + all MinerU writers, in memory) over a set of PDFs.
// Prints one JSON line: pages, seconds, pages/s, slowest page, degraded pages, peak working set.
// usage: Quarry.Bench [--threads N] [--warmup] [--repeat N] FILE_OR_DIR...
// --warmup parses every file once first (steady state, as in a long-running worker); without it the
// figure includes JIT compilation, as a one-shot CLI run does. --repeat measures N passes in a row.
using System.Diagnostics;
using Quarry.Core.Output;
using Quarry.Parsing.Pipeline;
using Quarry.Parsing.Errors;

var threads = Environment.ProcessorCount;
var inputs = new List<string>();
var warmup = false;
var repeat = 1;
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--threads") threads = int.Parse(args[++i]);
    else if (args[i] == "--warmup") warmup = true;
    else if (args[i] == "--repeat") repeat = int.Parse(args[++i]);
    else if (Directory.Exists(args[i])) inputs.AddRange(Directory.EnumerateFiles(args[i], "*.pdf", SearchOption.AllDirectories).Order());
    else inputs.Add(args[i]);
}
var files = inputs.Select(f => (Name: f, Bytes: File.ReadAllBytes(f))).ToList();
if (warmup)
{
    foreach (var f in files) Run(f.Bytes, 1);
}
// Documents in parallel, pages of each document in order: the batch mode of `quarry parse`.
var clock = Stopwatch.StartNew();
var results = new System.Collections.Concurrent.ConcurrentBag<(string Name, int Pages, double MaxPageMs, int Degraded, string? Error)>();
Parallel.ForEach(Enumerable.Repeat(files, repeat).SelectMany(x => x), new ParallelOptions { MaxDegreeOfParallelism = threads }, f =>
{
    try
    {
        var (pages, max, degraded) = Run(f.Bytes, 1);
        results.Add((f.Name, pages, max, degraded, null));
    }
    catch (ParseException ex)
    {
        results.Add((f.Name, 0, 0, 0, ex.Code.ToWire()));
    }
});
var seconds = clock.Elapsed.TotalSeconds;
var totalPages = results.Sum(r => r.Pages);
var slowest = results.MaxBy(r => r.MaxPageMs);
Process.GetCurrentProcess().Refresh();
Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(new
{
    files = files.Count,
    failed = results.Count(r => r.Error is not null),
    pages = totalPages,
    seconds = Math.Round(seconds, 3),
    pages_per_second = Math.Round(totalPages / seconds, 1),
    slowest_page_ms = Math.Round(slowest.MaxPageMs, 1),
    slowest_file = Path.GetFileName(slowest.Name),
    degraded_pages = results.Sum(r => r.Degraded),
    peak_working_set_mb = Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024),
    threads,
}));

static (int Pages, double MaxPageMs, int Degraded) Run(byte[] bytes, int parallelism)
{
    var doc = DocumentParser.Parse(bytes, "b", "txt", new ParseOptions { MaxDegreeOfParallelism = parallelism });
    foreach (var file in OutputBundle.From(doc).Files)
    {
        file.WriteTo(Stream.Null);
    }
    return (doc.Pages.Count, doc.Pages.Max(p => p.ElapsedMilliseconds), doc.Pages.Count(p => p.Degraded));
}
