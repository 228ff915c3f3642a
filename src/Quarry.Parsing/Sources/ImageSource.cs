using Quarry.Parsing.Assembly;
using Quarry.Parsing.Errors;
using Quarry.Parsing.Imaging;
using Quarry.Parsing.Pipeline;
using Quarry.Parsing.Rasterization;
using Quarry.Parsing.Readers;

namespace Quarry.Parsing.Sources;

/// <summary>
/// An image input: PNG and JPEG are one page, a TIFF has a page per directory. Pages have no text layer,
/// only a size, read from the headers: pixels are decoded when a reader renders the page, one page at a
/// time, and dropped once read, so a long fax stays small in memory. Page sizes in points come from the
/// TIFF's resolution, else assume 150 dpi (the common scan resolution) so sizes stay plausible.
/// </summary>
internal sealed class ImageSource : IDocumentSource
{
    private const double AssumedDpi = 150;

    private readonly byte[] _input;
    private readonly TiffPages? _tiff;
    private readonly long _maxPixels;

    public ImageSource(byte[] input, InputFormat format, ParseOptions options)
    {
        _input = input;
        _maxPixels = MaxPixels(options);
        _tiff = format == InputFormat.Tiff ? TiffPages.Open(input, _maxPixels) : null;
        PageCount = _tiff?.Count ?? 1;
        if (PageCount == 0)
        {
            _tiff?.Dispose();
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
            var (width, height, dpi) = _tiff?.Size(first + i, AssumedDpi) ?? With(GrayImage.Dimensions(_input), AssumedDpi);
            pages[i] = new PageContent { PageIndex = firstIndex + i, Width = width * 72 / dpi, Height = height * 72 / dpi, Words = [], HasTextLayer = false };
        }
        return pages;
    }

    public IRasterDocument OpenRaster() => new Raster(this);

    private static (int Width, int Height, double Dpi) With((int Width, int Height) size, double dpi) => (size.Width, size.Height, dpi);

    /// <summary>
    /// The image budget for a raster input, never above <see cref="GrayImage.MaxPixels"/>: decoding goes
    /// through 4 bytes a pixel (BGRA) before gray, so a raster costs more per pixel than an embedded image.
    /// </summary>
    private static long MaxPixels(ParseOptions options) => Math.Min(options.MaxImagePixels, GrayImage.MaxPixels);

    public void Dispose() => _tiff?.Dispose();

    /// <summary>The image is its own render: the resolution asked for does not apply.</summary>
    private sealed class Raster(ImageSource source) : IRasterDocument
    {
        public IReadOnlyList<GrayImage> Render(int first, int last, int dpi, TimeSpan budget, CancellationToken ct) =>
            Enumerable.Range(first, last - first + 1)
                .Select(i => source._tiff?.Read(i, AssumedDpi).Image ?? GrayImage.Decode(source._input, source._maxPixels))
                .ToList();

        public IReadOnlyList<byte[]> RenderColor(int first, int last, int dpi, TimeSpan budget, CancellationToken ct) =>
            throw new NotSupportedException("image inputs are not rendered in colour");

        public void Dispose()
        {
        }
    }
}
