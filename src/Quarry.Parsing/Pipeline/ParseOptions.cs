using Quarry.Parsing.Readers.Model;
using Quarry.Parsing.Routing;

namespace Quarry.Parsing.Pipeline;

/// <summary>What to parse and how. Page numbers are 0-based and inclusive, as MinerU's start_page/end_page.</summary>
public sealed record ParseOptions
{
    public int StartPage { get; init; }

    /// <summary>Last page to parse; negative means the document's last page.</summary>
    public int EndPage { get; init; } = -1;

    /// <summary>Layout time per page before it degrades to plain text; zero disables the guard.</summary>
    public TimeSpan PageBudget { get; init; } = TimeSpan.FromSeconds(1);

    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Refuse documents with more pages than this in the requested range (0 = no limit).</summary>
    public int MaxPages { get; init; }

    /// <summary>
    /// The recognition model OCR reads with: MinerU's <c>lang</c>, resolved by the host with
    /// <see cref="Readers.Ocr.OcrLanguages.Require(string)"/> so an unknown or missing one fails before any work.
    /// </summary>
    public Readers.Ocr.OcrLanguage OcrLanguage { get; init; } = Readers.Ocr.OcrLanguages.Default;

    /// <summary>Resolution pages are rendered at for OCR (lowered for a page that would render past <see cref="MaxImagePixels"/>).</summary>
    public int OcrDpi { get; init; } = 200;

    /// <summary>
    /// Crop each table and equation from a colour render of its page into images/ (MinerU's <c>img_path</c>),
    /// rendering only the pages that hold one. Off for raw speed: their <c>img_path</c> is then empty.
    /// </summary>
    public bool Crops { get; init; } = true;

    /// <summary>Resolution of the crops (MinerU crops at 144 dpi: its page images at scale 2).</summary>
    public int CropDpi { get; init; } = 144;

    /// <summary>
    /// The largest image decoded, in samples (width × height × colour components): larger embedded images
    /// are skipped (the page is marked degraded), larger image inputs are refused. Default 100 M, or
    /// <c>QUARRY_MAX_IMAGE_PIXELS</c>; see <see cref="Readers.TextLayer.ImageBudget"/>.
    /// </summary>
    public long MaxImagePixels { get; init; } = Readers.TextLayer.ImageBudget.FromEnvironment();

    /// <summary>The model reader for <c>vlm</c> and <c>hybrid</c>; null when no model server is configured.</summary>
    public IModelPageReader? ModelReader { get; init; }

    /// <summary>How much of a document <c>hybrid</c> gives the model.</summary>
    public HybridEffort Effort { get; init; } = HybridEffort.Medium;

    /// <summary>
    /// Pages rendered and at the model at once: bounds the renders held in memory, and keeps the model busy
    /// while the next page renders. The model client bounds its own requests in flight.
    /// </summary>
    public int ModelPagesInFlight { get; init; } = 4;

    internal ParallelOptions Parallelism(CancellationToken ct) => new()
    {
        MaxDegreeOfParallelism = Math.Max(1, MaxDegreeOfParallelism),
        CancellationToken = ct,
    };
}
