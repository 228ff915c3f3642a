using Quarry.Parsing.Assembly;
using Quarry.Parsing.Errors;
using Quarry.Parsing.Imaging;
using Quarry.Parsing.Pipeline;
using Quarry.Parsing.Rasterization;
using Quarry.Parsing.Readers;

namespace Quarry.Parsing.Sources;

/// <summary>
/// An image input (PNG, JPEG, TIFF, GIF, BMP, WebP, JPEG 2000; <see cref="IImagePages"/>). Pages have no
/// text layer, only a size, read from the headers: pixels are decoded when a reader renders the page, one
/// page at a time, and dropped once read, so a long fax stays small in memory. Page sizes in points come from the
/// TIFF's resolution, else assume 150 dpi (the common scan resolution) so sizes stay plausible.
/// </summary>
internal sealed class ImageSource : IDocumentSource
{
    private const double AssumedDpi = 150;

    private readonly IImagePages _pages;

    public ImageSource(byte[] input, InputFormat format, ParseOptions options)
    {
        _pages = IImagePages.Open(input, format, MaxPixels(options));
        PageCount = _pages.Count;
        if (PageCount == 0)
        {
            _pages.Dispose();
            throw new ParseException(ErrorCode.UnsupportedFormat, "the image file has no pages");
        }
    }

    public int PageCount { get; }

    public bool HasTextLayer => false;

    public IReadOnlyList<OutlineEntry> Outline => [];

    public int RenderBatch => 1;

    public bool Crops => false;

    public PageContent[] ReadPages(int first, int count, int firstIndex, ParseOptions options, CancellationToken ct)
    {
        var pages = new PageContent[count];
        for (var i = 0; i < count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var (width, height, dpi) = _pages.Size(first + i, AssumedDpi);
            pages[i] = new PageContent { PageIndex = firstIndex + i, Width = width * 72 / dpi, Height = height * 72 / dpi, Words = [], HasTextLayer = false };
        }
        return pages;
    }

    public IRasterDocument OpenRaster() => new Raster(this);

    /// <summary>
    /// The image budget for a raster input, never above <see cref="GrayImage.MaxPixels"/>: decoding goes
    /// through 4 bytes a pixel (BGRA) before gray, so a raster costs more per pixel than an embedded image.
    /// </summary>
    private static long MaxPixels(ParseOptions options) => Math.Min(options.MaxImagePixels, GrayImage.MaxPixels);

    public void Dispose() => _pages.Dispose();

    /// <summary>The image is its own render: the resolution asked for does not apply.</summary>
    private sealed class Raster(ImageSource source) : IRasterDocument
    {
        public IReadOnlyList<GrayImage> Render(int first, int last, int dpi, TimeSpan budget, CancellationToken ct) =>
            Enumerable.Range(first, last - first + 1)
                .Select(i => source._pages.Read(i, AssumedDpi, budget, ct))
                .ToList();

        public IReadOnlyList<byte[]> RenderColor(int first, int last, int dpi, TimeSpan budget, CancellationToken ct) =>
            Enumerable.Range(first, last - first + 1)
                .Select(i => source._pages.ReadColor(i, budget, ct))
                .ToList();

        public void Dispose()
        {
        }
    }
}
