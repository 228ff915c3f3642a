using Quarry.Parsing.Errors;
using SkiaSharp;

namespace Quarry.Parsing.Imaging;

/// <summary>An 8-bit grayscale raster. Scans are gray; colour renders are converted once, on decode.</summary>
public sealed class GrayImage(int width, int height, byte[] pixels)
{
    public int Width { get; } = width;
    public int Height { get; } = height;
    public byte[] Pixels { get; } = pixels;

    public byte this[int x, int y] => Pixels[(y * Width) + x];

    /// <summary>The largest image decoded (100 megapixels: a letter page at 1100 dpi).</summary>
    public const long MaxPixels = 100_000_000;

    /// <summary>Refuses absurd or empty sizes before anything is allocated for them.</summary>
    public static void CheckSize(int width, int height, long maxPixels)
    {
        if (width <= 0 || height <= 0)
        {
            throw new ParseException(ErrorCode.UnsupportedFormat, $"the image has no pixels ({width}×{height})");
        }
        if ((long)width * height > maxPixels)
        {
            throw new ParseException(ErrorCode.InputTooLarge, $"the image is {width}×{height} pixels, over the {maxPixels / 1_000_000} megapixel limit");
        }
    }

    /// <summary>Gray level of a colour pixel; transparent areas read as white paper.</summary>
    public static byte Luma(int r, int g, int b, int a)
    {
        var luma = ((299 * r) + (587 * g) + (114 * b)) / 1000;
        return (byte)(((luma * a) + (255 * (255 - a))) / 255);
    }

    /// <summary>An encoded image's size in pixels, from its header (nothing decoded).</summary>
    public static (int Width, int Height) Dimensions(ReadOnlySpan<byte> data)
    {
        using var codec = Open(data);
        return (codec.Info.Width, codec.Info.Height);
    }

    private static SKCodec Open(ReadOnlySpan<byte> data) => SKCodec.Create(new SKMemoryStream(data.ToArray()))
        ?? throw new ParseException(ErrorCode.UnsupportedFormat, "the image could not be decoded (unknown or damaged format)");

    /// <summary>Decodes PNG, JPEG (and the other formats Skia reads) into gray; refuses absurd sizes before allocating.</summary>
    public static GrayImage Decode(ReadOnlySpan<byte> data, long maxPixels = MaxPixels)
    {
        using var codec = Open(data);
        var info = codec.Info;
        CheckSize(info.Width, info.Height, maxPixels);
        // Skia decodes gray sources to Gray8 directly; anything else goes through BGRA and is converted here.
        var gray = info.ColorType == SKColorType.Gray8;
        using var bitmap = new SKBitmap(new SKImageInfo(info.Width, info.Height, gray ? SKColorType.Gray8 : SKColorType.Bgra8888, gray ? SKAlphaType.Opaque : SKAlphaType.Unpremul));
        var result = codec.GetPixels(bitmap.Info, bitmap.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            throw new ParseException(ErrorCode.UnsupportedFormat, $"the image could not be decoded ({result})");
        }
        var bytes = bitmap.Bytes;
        if (gray)
        {
            return new GrayImage(info.Width, info.Height, bytes);
        }
        var pixels = new byte[info.Width * info.Height];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = Luma(bytes[(i * 4) + 2], bytes[(i * 4) + 1], bytes[i * 4], bytes[(i * 4) + 3]);
        }
        return new GrayImage(info.Width, info.Height, pixels);
    }

    /// <summary>
    /// Decodes a binary PGM (netpbm P5, 8-bit): what <c>pdftoppm -gray</c> writes when no encoder is named.
    /// The raw samples are the image, so nothing is decompressed; rendering to PNG instead cost 1 s of zlib
    /// per page at 200 dpi (see bench/README.md, issue 13).
    /// </summary>
    public static GrayImage DecodePgm(ReadOnlySpan<byte> data, long maxPixels = MaxPixels)
    {
        if (data.Length < 2 || data[0] != (byte)'P' || data[1] != (byte)'5')
        {
            throw new ParseException(ErrorCode.UnsupportedFormat, "the image is not a binary PGM (P5)");
        }
        var at = 2;
        var width = PgmNumber(data, ref at);
        var height = PgmNumber(data, ref at);
        var maxValue = PgmNumber(data, ref at);
        // One whitespace byte separates the header from the samples.
        at++;
        if (maxValue is < 1 or > 255)
        {
            throw new ParseException(ErrorCode.UnsupportedFormat, $"the PGM has {maxValue} gray levels; only 8-bit samples are read");
        }
        CheckSize(width, height, maxPixels);
        var size = (long)width * height;
        if (data.Length - at < size)
        {
            throw new ParseException(ErrorCode.UnsupportedFormat, $"the PGM is truncated ({data.Length - at} of {size} samples)");
        }
        var pixels = data.Slice(at, (int)size).ToArray();
        if (maxValue != 255)
        {
            for (var i = 0; i < pixels.Length; i++)
            {
                pixels[i] = (byte)(pixels[i] * 255 / maxValue);
            }
        }
        return new GrayImage(width, height, pixels);
    }

    /// <summary>The next decimal number of a netpbm header, past whitespace and <c>#</c> comments.</summary>
    private static int PgmNumber(ReadOnlySpan<byte> data, ref int at)
    {
        while (at < data.Length && (char.IsWhiteSpace((char)data[at]) || data[at] == (byte)'#'))
        {
            if (data[at] == (byte)'#')
            {
                while (at < data.Length && data[at] != (byte)'\n')
                {
                    at++;
                }
            }
            else
            {
                at++;
            }
        }
        long n = 0;
        var start = at;
        while (at < data.Length && data[at] is >= (byte)'0' and <= (byte)'9' && n <= int.MaxValue)
        {
            n = (n * 10) + (data[at++] - '0');
        }
        if (at == start || n > int.MaxValue)
        {
            throw new ParseException(ErrorCode.UnsupportedFormat, "the PGM header is damaged");
        }
        return (int)n;
    }

    /// <summary>
    /// A gray level between the darkest pixel (share 0) and the lightest (share 1): anything darker counts as
    /// ink. Scans are gray and their thin strokes never reach black, so a fixed level would miss them.
    /// </summary>
    public double InkThreshold(double share)
    {
        byte min = 255, max = 0;
        foreach (var p in Pixels)
        {
            min = Math.Min(min, p);
            max = Math.Max(max, p);
        }
        return min + ((max - min) * share);
    }

    /// <summary>Which pixel columns hold ink, ink being darker than <see cref="InkThreshold"/>(<paramref name="share"/>).</summary>
    public bool[] InkedColumns(double share)
    {
        var threshold = InkThreshold(share);
        var inked = new bool[Width];
        for (var x = 0; x < Width; x++)
        {
            for (var y = 0; y < Height && !inked[x]; y++)
            {
                inked[x] = this[x, y] < threshold;
            }
        }
        return inked;
    }

    /// <summary>
    /// Height in pixels of a text line's dense band: the rows holding at least 40% of the inkiest row's ink
    /// (ink at the middle gray level). For lowercase text that band is the x-height.
    /// </summary>
    public int CoreHeight()
    {
        var threshold = (int)InkThreshold(0.5);
        var rows = new int[Height];
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                if (this[x, y] < threshold)
                {
                    rows[y]++;
                }
            }
        }
        var peak = rows.Max();
        return peak == 0 ? 0 : rows.Count(r => r >= peak * 0.4);
    }

    /// <summary>Bilinear resize.</summary>
    public GrayImage Resize(int width, int height)
    {
        var dst = new byte[width * height];
        var sx = (double)Width / width;
        var sy = (double)Height / height;
        for (var y = 0; y < height; y++)
        {
            var fy = Math.Max(0, ((y + 0.5) * sy) - 0.5);
            var y0 = Math.Min((int)fy, Height - 1);
            var y1 = Math.Min(y0 + 1, Height - 1);
            var wy = fy - y0;
            for (var x = 0; x < width; x++)
            {
                var fx = Math.Max(0, ((x + 0.5) * sx) - 0.5);
                var x0 = Math.Min((int)fx, Width - 1);
                var x1 = Math.Min(x0 + 1, Width - 1);
                var wx = fx - x0;
                var top = (this[x0, y0] * (1 - wx)) + (this[x1, y0] * wx);
                var bottom = (this[x0, y1] * (1 - wx)) + (this[x1, y1] * wx);
                dst[(y * width) + x] = (byte)Math.Round((top * (1 - wy)) + (bottom * wy));
            }
        }
        return new GrayImage(width, height, dst);
    }

    /// <summary>True when every pixel is pure black or white (fax, CCITT and thresholded scans).</summary>
    public bool IsBilevel()
    {
        foreach (var p in Pixels)
        {
            if (p is not (0 or 255))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>A 3×3 binomial blur (1-2-1 each way): gives hard black-and-white edges the gray ramps scanners produce.</summary>
    public GrayImage Smooth()
    {
        var tmp = new int[Pixels.Length];
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var l = this[Math.Max(0, x - 1), y];
                var r = this[Math.Min(Width - 1, x + 1), y];
                tmp[(y * Width) + x] = l + (2 * this[x, y]) + r;
            }
        }
        var dst = new byte[Pixels.Length];
        for (var y = 0; y < Height; y++)
        {
            var up = Math.Max(0, y - 1) * Width;
            var down = Math.Min(Height - 1, y + 1) * Width;
            for (var x = 0; x < Width; x++)
            {
                dst[(y * Width) + x] = (byte)((tmp[up + x] + (2 * tmp[(y * Width) + x]) + tmp[down + x] + 8) / 16);
            }
        }
        return new GrayImage(Width, Height, dst);
    }

    /// <summary>The image upside down (turned by 180°): the pixels in reverse order.</summary>
    public GrayImage Rotate180()
    {
        var dst = (byte[])Pixels.Clone();
        Array.Reverse(dst);
        return new GrayImage(Width, Height, dst);
    }

    /// <summary>The image turned a quarter clockwise: a page lying on its left side comes upright.</summary>
    public GrayImage RotateClockwise()
    {
        var dst = new byte[Pixels.Length];
        // Source row y becomes destination column (Height - 1 - y).
        for (var y = 0; y < Height; y++)
        {
            var src = y * Width;
            var column = Height - 1 - y;
            for (var x = 0; x < Width; x++)
            {
                dst[(x * Height) + column] = Pixels[src + x];
            }
        }
        return new GrayImage(Height, Width, dst);
    }

    public GrayImage Crop(int x, int y, int width, int height)
    {
        x = Math.Clamp(x, 0, Width - 1);
        y = Math.Clamp(y, 0, Height - 1);
        width = Math.Clamp(width, 1, Width - x);
        height = Math.Clamp(height, 1, Height - y);
        var dst = new byte[width * height];
        for (var row = 0; row < height; row++)
        {
            Array.Copy(Pixels, ((y + row) * Width) + x, dst, row * width, width);
        }
        return new GrayImage(width, height, dst);
    }
}
