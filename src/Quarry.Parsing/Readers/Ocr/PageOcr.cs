using Quarry.Parsing.Imaging;
using Quarry.Parsing.Pipeline;
using Quarry.Parsing.Readers.TextLayer;
using Quarry.Parsing.Rasterization;

namespace Quarry.Parsing.Readers.Ocr;

/// <summary>
/// Replaces the content of the pages routed to OCR with what OCR reads from their render. The document is
/// opened for rendering once, on the first page that needs it; pages are rendered a few at a time
/// (<paramref name="renderBatch"/>) and each bitmap is dropped once read, so memory does not grow with the
/// number of scanned pages.
/// </summary>
internal sealed class PageOcr(Func<IRasterDocument> open, int renderBatch, ParseOptions options, CancellationToken ct) : IDisposable
{
    /// <summary>Pages per rasterizer call: enough to amortise its start, few enough that their bitmaps stay small (4 × 3.7 MB at 200 dpi).</summary>
    internal const int RenderBatch = 4;

    private IRasterDocument? _raster;

    /// <summary>
    /// OCRs the pages at <paramref name="indices"/> (ascending) of <paramref name="contents"/>, whose first
    /// entry is PDF page <paramref name="firstPage"/>. Returns the pages that needed OCR but could not get it
    /// (no models installed, under <c>auto</c>): they keep their text layer and are marked degraded, never
    /// silently passed off as complete.
    /// </summary>
    public HashSet<int> Apply(PageContent[] contents, int firstPage, IReadOnlyList<int> indices, bool required)
    {
        if (indices.Count == 0)
        {
            return [];
        }
        if (!OcrModels.Available)
        {
            return required ? throw OcrModels.Unavailable() : [.. indices];
        }
        _raster ??= open();
        var reader = new OcrPageReader(OcrModels.Shared, options.OcrLanguage);
        foreach (var batch in Batches(indices, renderBatch).SelectMany(b => SameDpi(b, contents)))
        {
            ct.ThrowIfCancellationRequested();
            var budget = RenderLimits.Budget(options.PageBudget, batch.Count);
            var images = _raster.Render(firstPage + batch[0], firstPage + batch[^1], RenderDpi(contents[batch[0]]), budget, ct);
            // The pages of a batch are read in parallel (one per core when this document has the cores to
            // itself; in order when documents run in parallel), each model run on one thread (OcrThreading).
            ReadInParallel(Math.Min(batch.Count, images.Count), k =>
            {
                ct.ThrowIfCancellationRequested();
                var i = batch[k];
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                var ocr = reader.Read(images[k], contents[i].PageIndex, contents[i].Width, contents[i].Height, ct);
                OcrMetrics.Record("page", started);
                ocr.ReadMilliseconds = contents[i].ReadMilliseconds + System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                ocr.Problems = contents[i].ContentUnreadable ? [RecoveredByOcrReason] : contents[i].Problems;
                contents[i] = ocr;
            });
        }
        return [];
    }

    /// <summary>Runs <paramref name="read"/> for 0..<paramref name="count"/> - 1 in parallel; a failure surfaces as itself, not wrapped.</summary>
    private void ReadInParallel(int count, Action<int> read)
    {
        try
        {
            Parallel.For(0, count, options.Parallelism(ct), read);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
            throw;
        }
    }

    public const string ModelsMissingReason = OcrModels.MissingReason;
    public const string RecoveredByOcrReason = PageContentReader.UnreadableContent + "; text recovered by OCR";

    /// <summary>The configured OCR resolution, lowered for a page too large to render at it (<see cref="RenderLimits.Dpi"/>).</summary>
    internal int RenderDpi(PageContent page) => RenderLimits.Dpi(page.Width, page.Height, options.OcrDpi, options.MaxImagePixels);

    /// <summary>Cuts a batch where the render resolution changes (one rasterizer call renders at one resolution).</summary>
    private IEnumerable<List<int>> SameDpi(List<int> batch, PageContent[] contents)
    {
        var run = new List<int>();
        foreach (var i in batch)
        {
            if (run.Count > 0 && RenderDpi(contents[i]) != RenderDpi(contents[run[0]]))
            {
                yield return run;
                run = [];
            }
            run.Add(i);
        }
        if (run.Count > 0)
        {
            yield return run;
        }
    }

    /// <summary>Runs of consecutive pages (one rasterizer call renders a range), cut at <paramref name="size"/> pages.</summary>
    internal static IEnumerable<List<int>> Batches(IReadOnlyList<int> sorted, int size = RenderBatch)
    {
        var run = new List<int>();
        foreach (var i in sorted)
        {
            if (run.Count > 0 && (i != run[^1] + 1 || run.Count == size))
            {
                yield return run;
                run = [];
            }
            run.Add(i);
        }
        if (run.Count > 0)
        {
            yield return run;
        }
    }

    public void Dispose() => _raster?.Dispose();
}
