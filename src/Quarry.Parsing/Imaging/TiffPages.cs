using BitMiracle.LibTiff.Classic;
using Quarry.Parsing.Errors;
using SkiaSharp;

namespace Quarry.Parsing.Imaging;

/// <summary>
/// The pages of a TIFF (one per directory), decoded one at a time with LibTiff.NET, which reads every
/// compression scans use (CCITT G3/G4 fax, LZW, Deflate, PackBits, JPEG). Each page reports its own
/// resolution so page sizes in points follow the scan, not a guess.
/// </summary>
public sealed class TiffPages : IDisposable
{
    private readonly Tiff _tiff;
    private readonly long _maxPixels;

    static TiffPages()
    {
        // LibTiff.NET prints warnings and errors to the console by default; failures surface as return values here.
        Tiff.SetErrorHandler(new SilentHandler());
    }

    private TiffPages(Tiff tiff, long maxPixels)
    {
        _tiff = tiff;
        _maxPixels = maxPixels;
        Count = tiff.NumberOfDirectories();
    }

    public int Count { get; }

    public static TiffPages Open(byte[] data, long maxPixels = GrayImage.MaxPixels)
    {
        var tiff = Tiff.ClientOpen("input", "r", new MemoryStream(data, writable: false), new TiffStream())
            ?? throw new ParseException(ErrorCode.UnsupportedFormat, "the TIFF could not be read (damaged header)");
        return new TiffPages(tiff, maxPixels);
    }

    /// <summary>Page <paramref name="index"/>'s size in pixels and its resolution, from its directory alone (no pixels decoded).</summary>
    public (int Width, int Height, double Dpi) Size(int index, double fallbackDpi)
    {
        Select(index);
        return (Field(TiffTag.IMAGEWIDTH), Field(TiffTag.IMAGELENGTH), Resolution(fallbackDpi));
    }

    /// <summary>Page <paramref name="index"/> as gray, with its resolution in dots per inch (<paramref name="fallbackDpi"/> when the file has none).</summary>
    public (GrayImage Image, double Dpi) Read(int index, double fallbackDpi)
    {
        var (raster, width, height) = Raster(index);
        var pixels = new byte[raster.Length];
        for (var i = 0; i < raster.Length; i++)
        {
            pixels[i] = GrayImage.Luma(Tiff.GetR(raster[i]), Tiff.GetG(raster[i]), Tiff.GetB(raster[i]), Tiff.GetA(raster[i]));
        }
        return (new GrayImage(width, height, pixels), Resolution(fallbackDpi));
    }

    /// <summary>Page <paramref name="index"/> decoded upright, one packed ABGR int a pixel, within the size budget.</summary>
    private (int[] Raster, int Width, int Height) Raster(int index)
    {
        Select(index);
        var width = Field(TiffTag.IMAGEWIDTH);
        var height = Field(TiffTag.IMAGELENGTH);
        GrayImage.CheckSize(width, height, _maxPixels);
        var raster = new int[width * height];
        if (!_tiff.ReadRGBAImageOriented(width, height, raster, Orientation.TOPLEFT))
        {
            throw new ParseException(ErrorCode.UnsupportedFormat, $"TIFF page {index} uses an encoding this reader does not decode");
        }
        return (raster, width, height);
    }

    /// <summary>Page <paramref name="index"/> in colour, encoded as PNG.</summary>
    public byte[] ReadPng(int index)
    {
        var (raster, width, height) = Raster(index);
        // LibTiff packs ABGR little-endian, which is Skia's RGBA 8888 byte order.
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        System.Runtime.InteropServices.Marshal.Copy(raster, 0, bitmap.GetPixels(), raster.Length);
        using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    private void Select(int index)
    {
        if (!_tiff.SetDirectory((short)index))
        {
            throw new ParseException(ErrorCode.UnsupportedFormat, $"TIFF page {index} could not be read");
        }
    }

    private int Field(TiffTag tag) => _tiff.GetField(tag)?[0].ToInt() ?? 0;

    private double Resolution(double fallback)
    {
        var x = _tiff.GetField(TiffTag.XRESOLUTION)?[0].ToFloat() ?? 0;
        var unit = _tiff.GetField(TiffTag.RESOLUTIONUNIT)?[0].ToInt() ?? (int)ResUnit.INCH;
        var dpi = unit == (int)ResUnit.CENTIMETER ? x * 2.54 : x;
        // Unit "none" or absurd values (a 1-dpi default from some writers) are not a real resolution.
        return unit != (int)ResUnit.NONE && dpi is >= 50 and <= 2400 ? dpi : fallback;
    }

    public void Dispose() => _tiff.Dispose();

    private sealed class SilentHandler : TiffErrorHandler
    {
        public override void ErrorHandler(Tiff tif, string method, string format, params object[] args)
        {
        }

        public override void WarningHandler(Tiff tif, string method, string format, params object[] args)
        {
        }
    }
}
