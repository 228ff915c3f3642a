
namespace Quarry.Client.FanOut;

/// <summary>
/// Parses a large document as several page-range jobs that run in parallel on the endpoint's workers, then
/// merges them. A one-page probe job first tells the page count; then every part runs concurrently.
/// Parts hold at least <see cref="MinPagesPerJob"/> pages and a short remainder joins the last part: page
/// furniture is recognised by repetition, which a part of one or two pages cannot show.
/// </summary>
public static class FanOutParser
{
    public const int MinPagesPerJob = 4;

    public static async Task<ParseResult> ParseAsync(QuarryClient client, ParseRequest request, int pagesPerJob, int maxParallel, IProgress<(int Done, int Total)>? progress = null, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pagesPerJob, MinPagesPerJob);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxParallel, 1);
        // Every part sends the same input: read a file or stream once.
        if (request.Stream is not null || request.FilePath is not null)
        {
            var data = await request.ReadBytesAsync(ct);
            request = ParseRequest.FromBytes(data!, request.Basename ?? "doc") with
            {
                StartPage = request.StartPage, EndPage = request.EndPage, Transport = request.Transport,
                ParseMethod = request.ParseMethod, Backend = request.Backend, Formats = request.Formats,
            };
        }
        var start = request.StartPage;
        // A one-page job tells the page count, so every part can be planned (and run) at once.
        var probe = await client.ParseAsync(request with { StartPage = start, EndPage = start, Transport = "inline", Formats = ["markdown"] }, ct);
        var last = request.EndPage < 0 ? probe.SourcePages - 1 : Math.Min(request.EndPage, probe.SourcePages - 1);
        var ranges = Plan(start, last, pagesPerJob);
        var done = 0;
        using var gate = new SemaphoreSlim(maxParallel);
        var tasks = ranges.Select(async r =>
        {
            await gate.WaitAsync(ct);
            try
            {
                var part = await client.ParseAsync(request with { StartPage = r.From, EndPage = r.To }, ct);
                progress?.Report((Interlocked.Increment(ref done), ranges.Count));
                return part;
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        var parts = await Task.WhenAll(tasks);
        return ResultMerger.Merge(parts);
    }

    /// <summary>Consecutive ranges of <paramref name="pagesPerJob"/> pages; a remainder shorter than the minimum joins the last range.</summary>
    public static List<(int From, int To)> Plan(int first, int last, int pagesPerJob)
    {
        var ranges = new List<(int From, int To)>();
        for (var from = first; from <= last; from += pagesPerJob)
        {
            ranges.Add((from, Math.Min(from + pagesPerJob - 1, last)));
        }
        if (ranges.Count > 1 && ranges[^1].To - ranges[^1].From + 1 < MinPagesPerJob)
        {
            ranges[^2] = (ranges[^2].From, ranges[^1].To);
            ranges.RemoveAt(ranges.Count - 1);
        }
        return ranges;
    }
}
