using Quarry.Core.Model;
using Quarry.Parsing.Readers.Model.PostProcessing;

namespace Quarry.Parsing.Readers.Model.Vlm;

/// <summary>
/// <see cref="IModelPageReader"/> over an OpenAI-compatible server serving MinerU2.5, speaking
/// mineru-vl-utils' two-step protocol: a layout request on the page stretched to 1036², then one content
/// request per block crop, concurrently under the server's in-flight limit, then the shared post-processing.
/// Blocks the repetition guard gives up on are returned in <see cref="ModelPageResult.Unread"/> and also
/// stand (empty) in <see cref="ModelPageResult.Blocks"/> at their reading position, the same instance, so the
/// pipeline can fill them in place.
/// </summary>
public sealed class VlmPageReader : IModelPageReader
{
    private readonly VlmClient _client;

    private VlmPageReader(VlmOptions options) => _client = new VlmClient(options);

    /// <summary>A reader for <paramref name="options"/>; readers of one server share its breaker and in-flight limit.</summary>
    public static VlmPageReader Create(VlmOptions options) => new(options);

    /// <summary>A reader from the QUARRY_VLM_* variables, or null when no server is configured.</summary>
    public static VlmPageReader? FromEnvironment() => VlmOptions.FromEnvironment() is { } o ? Create(o) : null;

    public string ServerUrl => _client.BaseUrl;

    public async Task EnsureReadyAsync(CancellationToken ct)
    {
        _client.ThrowIfBreakerOpen();
        await _client.ModelAsync(ct).ConfigureAwait(false);
    }

    public async Task<ModelPageResult> ReadPageAsync(PageRender page, CancellationToken ct)
    {
        var image = RgbImage.Decode(page.EncodedImage);
        var layoutPng = VlmImages.Layout(image).EncodePng();
        var layout = await _client.CompleteAsync("layout", layoutPng, VlmPrompts.Layout, VlmSampling.Layout, ct).ConfigureAwait(false);
        var blocks = ContentSelection.DropCaptionsInsideFigures(LayoutOutputParser.Parse(layout.Text));
        var reads = await Task.WhenAll(blocks.Select(b => ReadBlockAsync(image, b, ct))).ConfigureAwait(false);
        return Assemble(page, reads, 1);
    }

    public async Task<ModelPageResult> ReadRegionsAsync(PageRender page, IReadOnlyList<ModelRegion> regions, CancellationToken ct)
    {
        var image = RgbImage.Decode(page.EncodedImage);
        var reads = await Task.WhenAll(regions.Select(r => ReadBlockAsync(image, ToModelBlock(r, page), ct))).ConfigureAwait(false);
        var result = new ModelPageResult { Requests = reads.Sum(r => r.Requests) };
        for (var i = 0; i < reads.Length; i++)
        {
            // One region at a time through the post-processing, so blocks stay one per region, in order.
            var processed = ModelPostProcessor.Process([reads[i].Block]);
            var block = (processed.Count > 0 ? ModelBlockMapper.ToBlock(processed[0], page.WidthPoints, page.HeightPoints) : null)
                ?? new Block { Type = regions[i].Type, BoundingBox = regions[i].Box };
            result.Blocks.Add(block);
            if (reads[i].Unread is { } reason)
            {
                result.Unread.Add(new UnreadBlock(block, reason));
            }
        }
        return result;
    }

    private static ModelPageResult Assemble(PageRender page, BlockRead[] reads, int layoutRequests)
    {
        var unread = reads.Where(r => r.Unread is not null).ToDictionary(r => Key(r.Block), r => r.Unread!);
        var processed = ModelPostProcessor.Process(reads.Select(r => r.Block).ToList());
        var result = new ModelPageResult { Requests = layoutRequests + reads.Sum(r => r.Requests) };
        foreach (var block in ModelBlockMapper.Map(processed, page.WidthPoints, page.HeightPoints))
        {
            result.Blocks.Add(block);
        }
        // Post-processing may rebuild records; an unread block is found again by its type and box.
        foreach (var p in processed.Where(p => p.Content is null && unread.ContainsKey(Key(p))))
        {
            var box = ModelBlockMapper.Box(p, page.WidthPoints, page.HeightPoints);
            if (result.Blocks.FirstOrDefault(b => b.BoundingBox == box) is { } block)
            {
                result.Unread.Add(new UnreadBlock(block, unread[Key(p)]));
            }
        }
        return result;
    }

    private static (string, double, double, double, double) Key(ModelOutputBlock b) => (b.Type, b.X0, b.Y0, b.X1, b.Y1);

    /// <summary>One block's content request (and the guard's second try), or the block untouched when it is not sent.</summary>
    private async Task<BlockRead> ReadBlockAsync(RgbImage page, ModelOutputBlock block, CancellationToken ct)
    {
        if (!ContentSelection.IsSent(block.Type) || VlmImages.Crop(page, block) is not { } crop)
        {
            return new BlockRead(block, 0, null);
        }
        var png = crop.EncodePng();
        var prompt = VlmPrompts.ForContent(block.Type);
        var sampling = VlmSampling.ForContent(block.Type);
        var pixels = crop.Width * crop.Height;
        var first = await _client.CompleteAsync("content", png, prompt, sampling, ct).ConfigureAwait(false);
        if (RepetitionGuard.Check(first, block.Type, pixels) is null)
        {
            return new BlockRead(block with { Content = first.Text }, 1, null);
        }
        var stronger = sampling.Stronger(RepetitionGuard.TokenCap(block.Type, pixels));
        var second = await _client.CompleteAsync("content", png, prompt, stronger, ct).ConfigureAwait(false);
        if (RepetitionGuard.Check(second, block.Type, pixels) is not { } reason)
        {
            VlmMetrics.Degenerate.Add(1, VlmMetrics.Tag("outcome", "recovered"));
            return new BlockRead(block with { Content = second.Text }, 2, null);
        }
        VlmMetrics.Degenerate.Add(1, VlmMetrics.Tag("outcome", "unread"));
        return new BlockRead(block, 2, $"{reason} on this {block.Type.Replace('_', ' ')} twice");
    }

    /// <summary>A region in page points as a layout block in page fractions, read as its Quarry type.</summary>
    private static ModelOutputBlock ToModelBlock(ModelRegion region, PageRender page)
    {
        double Fx(double v) => Math.Clamp(v / page.WidthPoints, 0, 1);
        double Fy(double v) => Math.Clamp(v / page.HeightPoints, 0, 1);
        return new ModelOutputBlock
        {
            Type = region.Type switch
            {
                BlockType.Table => "table",
                BlockType.Equation => "equation",
                BlockType.Image => "image",
                BlockType.Code => "code",
                BlockType.Title => "title",
                BlockType.Header => "header",
                BlockType.Footer => "footer",
                BlockType.PageNumber => "page_number",
                BlockType.PageFootnote => "page_footnote",
                BlockType.AsideText => "aside_text",
                _ => "text",
            },
            X0 = Fx(region.Box.X0),
            Y0 = Fy(region.Box.Y0),
            X1 = Fx(region.Box.X1),
            Y1 = Fy(region.Box.Y1),
        };
    }

    private sealed record BlockRead(ModelOutputBlock Block, int Requests, string? Unread);
}
