using Quarry.Parsing.Imaging;

namespace Quarry.Parsing.Sources;

/// <summary>
/// The pages of an image input, decoded one at a time: a TIFF has a page per directory, every other format
/// one page (a GIF's first frame). Sizes come from headers, so nothing is decoded until a reader asks.
/// </summary>
internal interface IImagePages : IDisposable
{
    int Count { get; }

    /// <summary>Pixel size and resolution of page <paramref name="index"/>, <paramref name="fallbackDpi"/> where the file states none.</summary>
    (int Width, int Height, double Dpi) Size(int index, double fallbackDpi);

    GrayImage Read(int index, double fallbackDpi, TimeSpan budget, CancellationToken ct);

    /// <summary>The page as an encoded image a model server and Skia both read (PNG, JPEG, GIF, BMP, WebP).</summary>
    byte[] ReadColor(int index, TimeSpan budget, CancellationToken ct);

    static IImagePages Open(byte[] input, InputFormat format, long maxPixels) => format switch
    {
        InputFormat.Tiff => new Tiff(TiffPages.Open(input, maxPixels)),
        InputFormat.Jpeg2000 => new Jp2(input, maxPixels),
        _ => new SkiaImage(input, maxPixels),
    };

    /// <summary>PNG, JPEG, GIF, BMP and WebP: Skia reads them all, and they go to a model server as they are.</summary>
    private sealed class SkiaImage(byte[] input, long maxPixels) : IImagePages
    {
        public int Count => 1;

        public (int Width, int Height, double Dpi) Size(int index, double fallbackDpi)
        {
            var (width, height) = GrayImage.Dimensions(input);
            return (width, height, fallbackDpi);
        }

        public GrayImage Read(int index, double fallbackDpi, TimeSpan budget, CancellationToken ct) => GrayImage.Decode(input, maxPixels);

        public byte[] ReadColor(int index, TimeSpan budget, CancellationToken ct) => input;

        public void Dispose()
        {
        }
    }

    /// <summary>A TIFF page is encoded to PNG for a model server (which does not take TIFF).</summary>
    private sealed class Tiff(TiffPages tiff) : IImagePages
    {
        public int Count => tiff.Count;

        public (int Width, int Height, double Dpi) Size(int index, double fallbackDpi) => tiff.Size(index, fallbackDpi);

        public GrayImage Read(int index, double fallbackDpi, TimeSpan budget, CancellationToken ct) => tiff.Read(index, fallbackDpi).Image;

        public byte[] ReadColor(int index, TimeSpan budget, CancellationToken ct) => tiff.ReadPng(index);

        public void Dispose() => tiff.Dispose();
    }

    /// <summary>JPEG 2000 is decoded by OpenJPEG in a subprocess (see <see cref="Jpeg2000"/>), to PNG for a model server.</summary>
    private sealed class Jp2 : IImagePages
    {
        private readonly byte[] _input;
        private readonly long _maxPixels;
        private readonly (int Width, int Height) _size;

        public Jp2(byte[] input, long maxPixels)
        {
            _input = input;
            _maxPixels = maxPixels;
            _size = Jpeg2000.Dimensions(input); // a file without a readable header is refused when opened
        }

        public int Count => 1;

        public (int Width, int Height, double Dpi) Size(int index, double fallbackDpi) => (_size.Width, _size.Height, fallbackDpi);

        public GrayImage Read(int index, double fallbackDpi, TimeSpan budget, CancellationToken ct) => Jpeg2000.Decode(_input, _maxPixels, budget, ct);

        public byte[] ReadColor(int index, TimeSpan budget, CancellationToken ct) => Jpeg2000.DecodePng(_input, _maxPixels, budget, ct);

        public void Dispose()
        {
        }
    }
}
