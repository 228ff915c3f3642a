
namespace Quarry.Client.FanOut;

/// <summary>
/// Parses a large document as several page-range jobs that run in parallel on the endpoint's workers, then
/// merges them. The first range also tells the document's page count; the others follow concurrently.
/// </summary>
public static class FanOutParser
{
    public static async Task<ParseResult> ParseAsync(QuarryClient client, ParseRequest request, int pagesPerJob, int maxParallel, IProgress<(int Done, int Total)>? progress = null, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pagesPerJob, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxParallel, 1);
        // Every part sends the same input: read a file or stream once.
        if (request.Stream is not null || request.FilePath is not null)
        {
            var data = request.FilePath is not null ? await File.ReadAllBytesAsync(request.FilePath, ct) : await ReadAllAsync(request.Stream!, ct);
            request = ParseRequest.FromBytes(data, request.Basename ?? "doc") with
            {
                StartPage = request.StartPage, EndPage = request.EndPage, Transport = request.Transport,
                ParseMethod = request.ParseMethod, Backend = request.Backend, Formats = request.Formats,
            };
        }
        var start = request.StartPage;
        var firstPart = await client.ParseAsync(request with { StartPage = start, EndPage = start + pagesPerJob - 1 }, ct);
        var last = request.EndPage < 0 ? firstPart.SourcePages - 1 : Math.Min(request.EndPage, firstPart.SourcePages - 1);
        var ranges = new List<(int From, int To)>();
        for (var from = start + pagesPerJob; from <= last; from += pagesPerJob)
        {
            ranges.Add((from, Math.Min(from + pagesPerJob - 1, last)));
        }
        var total = ranges.Count + 1;
        var done = 1;
        progress?.Report((done, total));
        using var gate = new SemaphoreSlim(maxParallel);
        var tasks = ranges.Select(async r =>
        {
            await gate.WaitAsync(ct);
            try
            {
                var part = await client.ParseAsync(request with { StartPage = r.From, EndPage = r.To }, ct);
                progress?.Report((Interlocked.Increment(ref done), total));
                return part;
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        var parts = new List<ParseResult> { firstPart };
        parts.AddRange(await Task.WhenAll(tasks));
        return ResultMerger.Merge(parts);
    }

    private static async Task<byte[]> ReadAllAsync(Stream s, CancellationToken ct)
    {
        using var ms = new MemoryStream();
        await s.CopyToAsync(ms, ct);
        return ms.ToArray();
    }
}
