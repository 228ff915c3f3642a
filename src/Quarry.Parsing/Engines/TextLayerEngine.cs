using System.Collections.Concurrent;
using Quarry.Core.Model;
using Quarry.Parsing.Assembly;
using Quarry.Parsing.Crops;
using Quarry.Parsing.Errors;
using Quarry.Parsing.Layout;
using Quarry.Parsing.Ocr;
using Quarry.Parsing.Rasterization;
using Quarry.Parsing.Pages;
using Quarry.Parsing.Sources;
using UglyToad.PdfPig;

namespace Quarry.Parsing.Engines;

/// <summary>
/// The embedded default engine: reads the PDF's own text layer with PdfPig. Pages are read and laid out
/// in parallel (each worker holds its own PdfDocument: PdfPig's are not thread-safe), then assembled.
/// </summary>
public sealed class TextLayerEngine : IParseEngine
{
    private const int WindowPages = 128;
    private readonly PageRouting _routing;
    private readonly IPageRasterizer _rasterizer;

    /// <param name="routing">Which pages go to OCR: none (<c>txt</c>), those whose text layer cannot be trusted (<c>auto</c>), all (<c>ocr</c>).</param>
    public TextLayerEngine(PageRouting routing = PageRouting.TextOnly, IPageRasterizer? rasterizer = null)
    {
        _routing = routing;
        _rasterizer = rasterizer ?? new PdftoppmRasterizer();
    }

    public string Name => _routing switch
    {
        PageRouting.Auto => "auto",
        PageRouting.OcrAll => "ocr",
        _ => "txt",
    };

    public ParsedDocument Parse(byte[] input, string basename, ParseOptions options, IProgress<ParseProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        using var document = PdfOpener.Open(input);
        var (first, last, total) = ResolveRange(document, options);
        var outline = ReadOutline(document);
        var count = last - first + 1;
        var pages = new PageResult[count];
        var done = 0;
        DocumentStyle? style = null;
        using var ocr = new PageOcr(input, _rasterizer, options, cancellationToken);
        // Pages go through in windows so that only one window's raw words are alive at a time; the
        // document's body size is taken from the first window (the whole document when it fits).
        for (var offset = 0; offset < count; offset += WindowPages)
        {
            var size = Math.Min(WindowPages, count - offset);
            var contents = ReadPages(input, offset == 0 ? document : null, first + offset, size, offset, options, cancellationToken);
            // A page whose content stream could not be read is empty here: under auto, OCR may still recover it.
            var routed = Enumerable.Range(0, contents.Length)
                .Where(i => _routing == PageRouting.OcrAll || (_routing == PageRouting.Auto && (contents[i].ContentUnreadable || OcrRouter.NeedsOcr(contents[i]))))
                .ToList();
            var degraded = ocr.Apply(contents, first + offset, routed, required: _routing == PageRouting.OcrAll);
            style ??= DocumentStyle.From(contents);
            Parallel.For(0, contents.Length, Parallelism(options, cancellationToken), i =>
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                var page = PageLayout.Build(contents[i], style, new PageBudget(options.PageBudget, cancellationToken));
                page.ElapsedMilliseconds = contents[i].ReadMilliseconds + System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (degraded.Contains(i))
                {
                    page.Degrade(PageOcr.ModelsMissingReason);
                }
                pages[offset + i] = page;
                progress?.Report(new ParseProgress(Interlocked.Increment(ref done), count));
            });
        }
        DocumentAssembler.Assemble(pages, outline);
        if (options.Crops)
        {
            BlockCropper.Apply(pages, first, () => _rasterizer.Open(input), options, cancellationToken);
        }
        return new ParsedDocument
        {
            Basename = basename,
            Pages = pages,
            Backend = "pipeline",
            StartPage = first,
            SourcePageCount = total,
        };
    }

    private static (int First, int Last, int Total) ResolveRange(PdfDocument document, ParseOptions options)
    {
        int total;
        try
        {
            total = document.NumberOfPages;
        }
        catch (Exception ex)
        {
            throw PdfOpener.Classify(ex);
        }
        if (total == 0)
        {
            throw new ParseException(ErrorCode.PdfCorrupt, "the PDF has no pages");
        }
        var (first, last) = PageRange.Resolve(total, options);
        return (first, last, total);
    }

    private static List<OutlineEntry> ReadOutline(PdfDocument document)
    {
        try
        {
            return document.TryGetBookmarks(out var bookmarks)
                ? bookmarks.GetNodes().Select(n => new OutlineEntry(n.Title ?? "", n.Level)).ToList()
                : [];
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return []; // a broken outline is not worth failing the parse for
        }
    }

    /// <summary>Reads <paramref name="count"/> pages from <paramref name="firstPage"/> in contiguous chunks, one PdfDocument per chunk.</summary>
    private static PageContent[] ReadPages(byte[] input, PdfDocument? shared, int firstPage, int count, int firstIndex, ParseOptions options, CancellationToken ct)
    {
        var contents = new PageContent[count];
        var workers = Math.Clamp(Math.Min(options.MaxDegreeOfParallelism, count / 4), 1, 64);
        var errors = new ConcurrentQueue<Exception>();
        Parallel.For(0, workers, Parallelism(options, ct), w =>
        {
            var from = w * count / workers;
            var to = (w + 1) * count / workers;
            var own = w == 0 && shared is not null ? null : PdfOpener.Reopen(input);
            var doc = own ?? shared!;
            try
            {
                for (var i = from; i < to; i++)
                {
                    ct.ThrowIfCancellationRequested();
                    var started = System.Diagnostics.Stopwatch.GetTimestamp();
                    contents[i] = ReadPage(doc, firstPage + i, firstIndex + i, options.MaxImagePixels, ct);
                    contents[i].ReadMilliseconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                errors.Enqueue(ex);
            }
            finally
            {
                own?.Dispose();
            }
        });
        if (!errors.IsEmpty)
        {
            throw PdfOpener.Classify(errors.First());
        }
        return contents;
    }

    /// <summary>
    /// Reads one page. PdfPig reads a page's whole content stream (text, fonts, inline images) at once, so
    /// when that fails the page is kept empty and marked degraded; the other pages are not affected.
    /// </summary>
    private static PageContent ReadPage(PdfDocument doc, int pageNumber, int pageIndex, long maxImageSamples, CancellationToken ct)
    {
        UglyToad.PdfPig.Content.Page page;
        try
        {
            page = doc.GetPage(pageNumber + 1);
        }
        catch (Exception ex) when (PageContentReader.IsReadFailure(ex) && ex is not ParseException)
        {
            var (width, height) = PageSize(doc, pageNumber);
            return PageContentReader.Unreadable(pageIndex, width, height);
        }
        return PageContentReader.Read(page, pageIndex, maxImageSamples, ct);
    }

    /// <summary>
    /// An unreadable page's size, taken from a readable neighbour (pages of a document almost always share
    /// one; PdfPig does not expose the page dictionary of a page it cannot build); US Letter otherwise.
    /// </summary>
    private static (double Width, double Height) PageSize(PdfDocument doc, int pageNumber)
    {
        foreach (var neighbour in new[] { pageNumber - 1, pageNumber + 1 })
        {
            if (neighbour < 0 || neighbour >= doc.NumberOfPages)
            {
                continue;
            }
            try
            {
                var crop = doc.GetPage(neighbour + 1).CropBox.Bounds;
                return (crop.Width, crop.Height);
            }
            catch (Exception ex) when (PageContentReader.IsReadFailure(ex))
            {
                // try the other side
            }
        }
        return (612, 792);
    }

    private static ParallelOptions Parallelism(ParseOptions options, CancellationToken ct) => new()
    {
        MaxDegreeOfParallelism = Math.Max(1, options.MaxDegreeOfParallelism),
        CancellationToken = ct,
    };
}
