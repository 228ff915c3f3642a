using SkiaSharp;
using Quarry.Parsing.Errors;

namespace Quarry.Parsing.Readers.Model.Vlm;

/// <summary>
/// An 8-bit RGB raster (3 bytes a pixel, rows top to bottom): the page render and its crops, in the form
/// mineru-vl-utils hands PIL (<c>convert("RGB")</c>: alpha dropped, not composited).
/// </summary>
internal sealed class RgbImage
{
    public RgbImage(int width, int height, byte[]? pixels = null)
    {
        Width = width;
        Height = height;
        Pixels = pixels ?? new byte[checked(width * height * 3)];
    }

    public int Width { get; }
    public int Height { get; }
    public byte[] Pixels { get; }

    /// <summary>A white image, for padding.</summary>
    public static RgbImage White(int width, int height)
    {
        var image = new RgbImage(width, height);
        Array.Fill(image.Pixels, (byte)255);
        return image;
    }

    public static RgbImage Decode(byte[] encoded)
    {
        // Unpremultiplied so dropping alpha keeps the stored colour, as PIL's RGBA → RGB does.
        using var codec = SKCodec.Create(new MemoryStream(encoded))
            ?? throw new ParseException(ErrorCode.InvalidInput, "the page render is not a decodable image");
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            throw new ParseException(ErrorCode.InvalidInput, $"the page render could not be decoded ({result})");
        }
        var rgba = bitmap.GetPixelSpan();
        var image = new RgbImage(info.Width, info.Height);
        var px = image.Pixels;
        for (int i = 0, j = 0; j < px.Length; i += 4, j += 3)
        {
            px[j] = rgba[i];
            px[j + 1] = rgba[i + 1];
            px[j + 2] = rgba[i + 2];
        }
        return image;
    }

    /// <summary>PNG, opaque RGB (what PIL writes for an RGB image).</summary>
    public byte[] EncodePng()
    {
        var info = new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var bitmap = new SKBitmap(info);
        var rgba = bitmap.GetPixelSpan();
        for (int i = 0, j = 0; j < Pixels.Length; i += 4, j += 3)
        {
            rgba[i] = Pixels[j];
            rgba[i + 1] = Pixels[j + 1];
            rgba[i + 2] = Pixels[j + 2];
            rgba[i + 3] = 255;
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>PIL's <c>crop</c> of an in-bounds box: corners rounded half to even, as Python's round.</summary>
    public RgbImage Crop(double x0, double y0, double x1, double y1)
    {
        int l = (int)Math.Round(x0), t = (int)Math.Round(y0), r = (int)Math.Round(x1), b = (int)Math.Round(y1);
        l = Math.Clamp(l, 0, Width);
        r = Math.Clamp(r, l, Width);
        t = Math.Clamp(t, 0, Height);
        b = Math.Clamp(b, t, Height);
        var crop = new RgbImage(r - l, b - t);
        for (var y = 0; y < crop.Height; y++)
        {
            Buffer.BlockCopy(Pixels, ((t + y) * Width + l) * 3, crop.Pixels, y * crop.Width * 3, crop.Width * 3);
        }
        return crop;
    }

    /// <summary>PIL's <c>rotate(angle, expand=True)</c> for 90/180/270: counter-clockwise, exact (a transpose).</summary>
    public RgbImage RotateCounterClockwise(int angle)
    {
        var turns = ((angle / 90 % 4) + 4) % 4;
        if (turns == 0)
        {
            return this;
        }
        var (w, h) = turns == 2 ? (Width, Height) : (Height, Width);
        var output = new RgbImage(w, h);
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                // Where source (x, y) lands after the turn.
                var (nx, ny) = turns switch
                {
                    1 => (y, Width - 1 - x),
                    2 => (Width - 1 - x, Height - 1 - y),
                    _ => (Height - 1 - y, x),
                };
                var s = (y * Width + x) * 3;
                var d = (ny * w + nx) * 3;
                output.Pixels[d] = Pixels[s];
                output.Pixels[d + 1] = Pixels[s + 1];
                output.Pixels[d + 2] = Pixels[s + 2];
            }
        }
        return output;
    }

    /// <summary>This image pasted at (<paramref name="left"/>, <paramref name="top"/>) on a white canvas.</summary>
    public RgbImage PasteOnWhite(int width, int height, int left, int top)
    {
        var canvas = White(width, height);
        for (var y = 0; y < Height; y++)
        {
            Buffer.BlockCopy(Pixels, y * Width * 3, canvas.Pixels, ((top + y) * width + left) * 3, Width * 3);
        }
        return canvas;
    }
}
