using System.Collections.Concurrent;
using Quarry.Core.Model;
using Quarry.Parsing.Pipeline;
using Quarry.Parsing.Readers.Model;

namespace Quarry.Parsing.Tests.Pipeline.ModelPages;

/// <summary>
/// An in-process model reader that records every call. It answers a page with the blocks Quarry's own
/// text-layer engine finds on the same PDF page, stripped of what a model does not give (font size,
/// boldness, levels): a model that labels blocks well and knows nothing of typography. Regions are
/// answered with a block of the region's type whose text says which region it was.
/// </summary>
internal sealed class RecordingModelReader : IModelPageReader
{
    private readonly ParsedDocument? _truth;
    private int _inFlight;

    /// <param name="pdf">The PDF the pages come from (its txt parse is the answer key); null to answer with no blocks.</param>
    public RecordingModelReader(byte[]? pdf = null) =>
        _truth = pdf is null ? null : DocumentParser.Parse(pdf, "truth", "txt", new ParseOptions { Crops = false });

    public ConcurrentQueue<PageRender> Pages { get; } = new();
    public ConcurrentQueue<(PageRender Page, IReadOnlyList<ModelRegion> Regions)> RegionCalls { get; } = new();

    /// <summary>Time each call takes, to make reads overlap.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>The most calls that were running at once.</summary>
    public int MaxInFlight;

    /// <summary>Called on each page's blocks before they are returned (to mark some unread, say).</summary>
    public Func<PageRender, ModelPageResult, ModelPageResult> Edit { get; init; } = (_, r) => r;

    public async Task<ModelPageResult> ReadPageAsync(PageRender page, CancellationToken ct)
    {
        Pages.Enqueue(page);
        await Enter(ct);
        try
        {
            var blocks = _truth is null ? [] : Strip(_truth.Pages[page.PageIndex]);
            return Edit(page, new ModelPageResult { Blocks = blocks, Requests = 1 + blocks.Count });
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public async Task<ModelPageResult> ReadRegionsAsync(PageRender page, IReadOnlyList<ModelRegion> regions, CancellationToken ct)
    {
        RegionCalls.Enqueue((page, regions));
        await Enter(ct);
        try
        {
            var blocks = regions.Select((r, i) => new Block { Type = r.Type, BoundingBox = r.Box, Text = $"model region {i}" }).ToList();
            return new ModelPageResult { Blocks = blocks, Requests = regions.Count };
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task Enter(CancellationToken ct)
    {
        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while ((seen = Volatile.Read(ref MaxInFlight)) < now && Interlocked.CompareExchange(ref MaxInFlight, now, seen) != seen)
        {
        }
        await Task.Delay(Latency, ct);
    }

    /// <summary>A page's blocks as a model gives them: type, box, text, in reading order, furniture included.</summary>
    private static List<Block> Strip(PageResult page) =>
        page.Blocks.Concat(page.Discarded)
            .Select(b => new Block { Type = b.Type, BoundingBox = b.BoundingBox, Text = b.Text, Table = b.Table })
            .ToList();
}
