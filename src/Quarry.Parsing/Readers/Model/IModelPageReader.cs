using Quarry.Core.Model;

namespace Quarry.Parsing.Readers.Model;

/// <summary>
/// The model reader (MinerU2.5 over an OpenAI-compatible server): reads a rendered page into typed blocks.
/// The pipeline routes pages (and, under <c>hybrid</c>, regions of pages) to it; layout, assembly and the
/// writers stay shared with the other readers.
/// </summary>
public interface IModelPageReader
{
    /// <summary>
    /// The two-step protocol on a whole page: layout request, then one content request per block.
    /// Throws <see cref="Errors.ParseException"/> with <c>UPSTREAM_UNAVAILABLE</c> when the server cannot be reached.
    /// </summary>
    Task<ModelPageResult> ReadPageAsync(PageRender page, CancellationToken ct);

    /// <summary>
    /// Step 2 only, for regions another reader found (<c>hybrid</c> effort <c>medium</c>): one content
    /// request per region, no layout request. Blocks come back in the order of <paramref name="regions"/>.
    /// </summary>
    Task<ModelPageResult> ReadRegionsAsync(PageRender page, IReadOnlyList<ModelRegion> regions, CancellationToken ct);

    /// <summary>
    /// Called once per document before any page is rendered for the model: throws <c>UPSTREAM_UNAVAILABLE</c>
    /// when the server is known to be down (its breaker open) or cannot name its model, so a dead server
    /// fails a job before the job pays for renders.
    /// </summary>
    Task EnsureReadyAsync(CancellationToken ct) => Task.CompletedTask;
}

/// <summary>
/// A page rendered for the model: an encoded RGB image (PNG or JPEG bytes, as the rasterizer gives them) at
/// <see cref="Dpi"/> (MinerU: 200 dpi, long side at most 3500 px), and the page's size in points so blocks
/// come back in page space.
/// </summary>
public sealed record PageRender(int PageIndex, byte[] EncodedImage, double WidthPoints, double HeightPoints, int Dpi);

/// <summary>A region for the model to read: the block type it is read as, and its box in page points.</summary>
public sealed record ModelRegion(BlockType Type, BoundingBox Box);

/// <summary>What the model read on one page.</summary>
public sealed class ModelPageResult
{
    /// <summary>Blocks in reading order, in page points (furniture types included; the pipeline sets them apart).</summary>
    public List<Block> Blocks { get; init; } = [];

    /// <summary>
    /// Blocks whose content the model could not give (degenerate output twice, or a refused crop): their
    /// type and box are known, their text is not. The pipeline fills them from the text layer or OCR and
    /// marks the page degraded with <see cref="UnreadBlock.Reason"/>.
    /// </summary>
    public List<UnreadBlock> Unread { get; init; } = [];

    /// <summary>Requests sent for this page (layout + content), for the cost accounting.</summary>
    public int Requests { get; set; }
}

/// <summary>A block the model located but could not read, and why (user-facing, short).</summary>
public sealed record UnreadBlock(Block Block, string Reason);
