using System.Buffers.Binary;
using Quarry.Parsing.Errors;
using Quarry.Parsing.Rasterization;
using SkiaSharp;

namespace Quarry.Parsing.Imaging;

/// <summary>
/// JPEG 2000 (a JP2 file or a bare J2K codestream). Neither Skia nor the other decoders Quarry ships read it,
/// so OpenJPEG's <c>opj_decompress</c> (Debian <c>libopenjp2-tools</c>, BSD-2-Clause, the library poppler
/// already uses for JPX in PDFs) decodes it in a subprocess, bounded in time, into a BMP that Skia reads. The
/// size comes from the header first, so an oversized image is refused before anything is decoded.
/// </summary>
public static class Jpeg2000
{
    private static ReadOnlySpan<byte> Jp2Signature => [0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A];

    private static ReadOnlySpan<byte> CodestreamStart => [0xFF, 0x4F, 0xFF, 0x51];

    /// <summary>Whether the bytes start like a JP2 file or a J2K codestream (SOC then SIZ).</summary>
    public static bool IsJpeg2000(ReadOnlySpan<byte> head) => head.StartsWith(Jp2Signature) || head.StartsWith(CodestreamStart);

    private static ParseException Damaged(string why) => new(ErrorCode.UnsupportedFormat, $"the JPEG 2000 image could not be decoded ({why})");

    /// <summary>The image's size in pixels from its header: the JP2 image header box, else the codestream's SIZ segment.</summary>
    public static (int Width, int Height) Dimensions(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith(CodestreamStart))
        {
            return FromSiz(data[4..]);
        }
        if (!data.StartsWith(Jp2Signature))
        {
            throw Damaged("no JPEG 2000 signature");
        }
        // Top-level boxes: the header superbox (jp2h) holds the image header (ihdr: height, width, …).
        var header = FindBox(data[Jp2Signature.Length..], "jp2h"u8);
        var ihdr = FindBox(header, "ihdr"u8);
        if (ihdr.Length < 8)
        {
            throw Damaged("no image header");
        }
        return Checked((int)BinaryPrimitives.ReadUInt32BigEndian(ihdr[4..]), (int)BinaryPrimitives.ReadUInt32BigEndian(ihdr));
    }

    /// <summary>SIZ after its marker: length (2), capabilities (2), Xsiz, Ysiz, XOsiz, YOsiz (4 each).</summary>
    private static (int, int) FromSiz(ReadOnlySpan<byte> siz)
    {
        if (siz.Length < 20)
        {
            throw Damaged("the codestream header is cut short");
        }
        var width = BinaryPrimitives.ReadUInt32BigEndian(siz[4..]) - (long)BinaryPrimitives.ReadUInt32BigEndian(siz[12..]);
        var height = BinaryPrimitives.ReadUInt32BigEndian(siz[8..]) - (long)BinaryPrimitives.ReadUInt32BigEndian(siz[16..]);
        return Checked(width, height);
    }

    private static (int, int) Checked(long width, long height) =>
        width is > 0 and <= int.MaxValue && height is > 0 and <= int.MaxValue ? ((int)width, (int)height) : throw Damaged("an impossible size in its header");

    /// <summary>The contents of the first box of <paramref name="type"/> in a sequence of boxes (ISO 15444-1, I.4).</summary>
    private static ReadOnlySpan<byte> FindBox(ReadOnlySpan<byte> boxes, ReadOnlySpan<byte> type)
    {
        while (boxes.Length >= 8)
        {
            long length = BinaryPrimitives.ReadUInt32BigEndian(boxes);
            var headerLength = 8;
            if (length == 1 && boxes.Length >= 16)
            {
                length = (long)BinaryPrimitives.ReadUInt64BigEndian(boxes[8..]);
                headerLength = 16;
            }
            else if (length == 0)
            {
                length = boxes.Length; // the last box runs to the end of the file
            }
            if (length < headerLength || length > boxes.Length)
            {
                break;
            }
            if (boxes.Slice(4, 4).SequenceEqual(type))
            {
                return boxes[headerLength..(int)length];
            }
            boxes = boxes[(int)length..];
        }
        throw Damaged($"no '{System.Text.Encoding.ASCII.GetString(type)}' box");
    }

    /// <summary>Decodes to gray, refusing an image over <paramref name="maxPixels"/> before decoding it.</summary>
    public static GrayImage Decode(byte[] data, long maxPixels, TimeSpan budget, CancellationToken ct) =>
        GrayImage.Decode(CheckedBmp(data, maxPixels, budget, ct), maxPixels);

    /// <summary>Decodes to PNG, the form model servers and crops take.</summary>
    public static byte[] DecodePng(byte[] data, long maxPixels, TimeSpan budget, CancellationToken ct)
    {
        using var bitmap = SKBitmap.Decode(CheckedBmp(data, maxPixels, budget, ct)) ?? throw Damaged("the decoder's output was unreadable");
        using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    /// <summary>The size checked from the header first, so an oversized image is never decoded.</summary>
    private static byte[] CheckedBmp(byte[] data, long maxPixels, TimeSpan budget, CancellationToken ct)
    {
        var (width, height) = Dimensions(data);
        GrayImage.CheckSize(width, height, maxPixels);
        return ToBmp(data, budget, ct);
    }

    private static byte[] ToBmp(byte[] data, TimeSpan budget, CancellationToken ct)
    {
        var dir = Directory.CreateTempSubdirectory("quarry-jp2-");
        try
        {
            // opj_decompress picks the codec from the input's extension.
            var input = Path.Combine(dir.FullName, data.AsSpan().StartsWith(Jp2Signature) ? "in.jp2" : "in.j2k");
            var output = Path.Combine(dir.FullName, "out.bmp");
            File.WriteAllBytes(input, data);
            var (exit, stderr) = ToolProcess.Run("opj_decompress", "libopenjp2-tools; it decodes JPEG 2000 images",
                ["-i", input, "-o", output, "-quiet"], "decoding the JPEG 2000 image", budget, ct);
            if (exit != 0 || !File.Exists(output))
            {
                throw new ParseException(ErrorCode.UnsupportedFormat, "the JPEG 2000 image could not be decoded (damaged or cut short)",
                    new InvalidOperationException("opj_decompress: " + stderr));
            }
            return File.ReadAllBytes(output);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
