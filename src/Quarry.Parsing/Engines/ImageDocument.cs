using Quarry.Core.Model;
using Quarry.Parsing.Assembly;
using Quarry.Parsing.Errors;
using Quarry.Parsing.Imaging;
using Quarry.Parsing.Layout;
using Quarry.Parsing.Ocr;
using Quarry.Parsing.Pages;
using Quarry.Parsing.Sources;

namespace Quarry.Parsing.Engines;

/// <summary>
/// An image input read by OCR, laid out and assembled like a PDF: PNG and JPEG are one page, a TIFF has a
/// page per directory. Pages are decoded one at a time and dropped once read, so a long fax stays small in
/// memory. Page sizes in points come from the TIFF's resolution, else assume 150 dpi (the common scan
/// resolution) so sizes stay plausible.
/// </summary>
public static class ImageDocument
{
    private const double AssumedDpi = 150;

    public static ParsedDocument Parse(byte[] input, InputFormat format, string basename, ParseOptions options, CancellationToken ct = default)
    {
        using var tiff = format == InputFormat.Tiff ? TiffPages.Open(input, MaxPixels(options)) : null;
        var total = tiff?.Count ?? 1;
        if (total == 0)
        {
            throw new ParseException(ErrorCode.UnsupportedFormat, "the image file has no pages");
        }
        var (first, last) = PageRange.Resolve(total, options);
        var reader = new OcrPageReader(OcrModels.Shared); // OCR_UNAVAILABLE when the models are missing
        var contents = new PageContent[last - first + 1];
        for (var i = first; i <= last; i++)
        {
            ct.ThrowIfCancellationRequested();
            var (image, dpi) = tiff?.Read(i, AssumedDpi) ?? (GrayImage.Decode(input, MaxPixels(options)), AssumedDpi);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            contents[i - first] = reader.Read(image, i - first, image.Width * 72 / dpi, image.Height * 72 / dpi, ct);
            contents[i - first].ReadMilliseconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        var style = DocumentStyle.From(contents);
        var pages = contents.Select(c => PageLayout.Build(c, style, new PageBudget(options.PageBudget, ct))).ToArray();
        DocumentAssembler.Assemble(pages, []);
        return new ParsedDocument { Basename = basename, Pages = pages, Backend = "pipeline", StartPage = first, SourcePageCount = total };
    }

    /// <summary>
    /// The image budget for a raster input, never above <see cref="GrayImage.MaxPixels"/>: decoding goes
    /// through 4 bytes a pixel (BGRA) before gray, so a raster costs more per pixel than an embedded image.
    /// </summary>
    private static long MaxPixels(ParseOptions options) => Math.Min(options.MaxImagePixels, GrayImage.MaxPixels);
}
