using System.Collections.Concurrent;
using Quarry.Parsing.Errors;
using Quarry.Parsing.Pipeline;
using Quarry.Parsing.Sources;
using UglyToad.PdfPig;

namespace Quarry.Parsing.Readers.TextLayer;

/// <summary>
/// Reads a PDF's own text layer with PdfPig, pages in parallel: each worker holds its own PdfDocument
/// (PdfPig's are not thread-safe) and reads a contiguous chunk.
/// </summary>
internal static class TextLayerReader
{
    /// <summary>Reads <paramref name="count"/> pages from <paramref name="firstPage"/>; <paramref name="shared"/>, when given, serves the first chunk.</summary>
    public static PageContent[] Read(byte[] input, PdfDocument? shared, int firstPage, int count, int firstIndex, ParseOptions options, CancellationToken ct)
    {
        var contents = new PageContent[count];
        var workers = Math.Clamp(Math.Min(options.MaxDegreeOfParallelism, count / 4), 1, 64);
        var errors = new ConcurrentQueue<Exception>();
        Parallel.For(0, workers, options.Parallelism(ct), w =>
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
}
