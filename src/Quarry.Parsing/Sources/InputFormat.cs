using System.Buffers.Binary;
using Quarry.Parsing.Imaging;
using Quarry.Parsing.Sources.Office;

namespace Quarry.Parsing.Sources;

public enum InputFormat
{
    Unknown,
    Pdf,
    Png,
    Jpeg,
    Tiff,
    Gif,
    Bmp,
    WebP,
    Jpeg2000,

    /// <summary>A ZIP container whose content types are not yet read (<see cref="InputSniffer.SniffDocument"/> tells which).</summary>
    Zip,
    Docx,
    Pptx,
    Xlsx,
}

/// <summary>Identifies an input by its bytes, never by its file name.</summary>
public static class InputSniffer
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The format the leading bytes show; a ZIP stays <see cref="InputFormat.Zip"/> (its type is inside).</summary>
    public static InputFormat Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith(PngSignature))
        {
            return InputFormat.Png;
        }
        if (head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF)
        {
            return InputFormat.Jpeg;
        }
        if (head.StartsWith("II*\0"u8) || head.StartsWith("MM\0*"u8))
        {
            return InputFormat.Tiff;
        }
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            return InputFormat.Gif;
        }
        if (IsBmp(head))
        {
            return InputFormat.Bmp;
        }
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return InputFormat.WebP;
        }
        if (Jpeg2000.IsJpeg2000(head))
        {
            return InputFormat.Jpeg2000;
        }
        // A local file header, or the end record of an empty archive.
        if (head.StartsWith("PK\u0003\u0004"u8) || head.StartsWith("PK\u0005\u0006"u8))
        {
            return InputFormat.Zip;
        }
        // PDF readers accept the header anywhere in the first 1024 bytes (PDF 32000-1, Annex H).
        var window = head[..Math.Min(head.Length, 1024)];
        return window.IndexOf("%PDF-"u8) >= 0 ? InputFormat.Pdf : InputFormat.Unknown;
    }

    /// <summary>Whether the input is a raster image (a page per image, or per TIFF directory), with no text layer.</summary>
    public static bool IsImage(this InputFormat format) =>
        format is InputFormat.Png or InputFormat.Jpeg or InputFormat.Tiff or InputFormat.Gif or InputFormat.Bmp or InputFormat.WebP or InputFormat.Jpeg2000;

    /// <summary>"BM" alone is two common letters: a BMP also names a DIB header size Windows or OS/2 defined.</summary>
    private static bool IsBmp(ReadOnlySpan<byte> head) =>
        head.Length >= 18 && head.StartsWith("BM"u8)
        && BinaryPrimitives.ReadUInt32LittleEndian(head[14..18]) is 12 or 16 or 40 or 52 or 56 or 64 or 108 or 124;

    /// <summary>
    /// The whole input's format: <see cref="Sniff"/>, then a ZIP's package content types (DOCX, PPTX, XLSX).
    /// Throws <c>UNSUPPORTED_FORMAT</c> for a ZIP that is no Office document, <c>INPUT_CORRUPT</c> for a damaged
    /// one and <c>INPUT_TOO_LARGE</c> for one that would expand past the limits.
    /// </summary>
    public static InputFormat SniffDocument(byte[] input)
    {
        var format = Sniff(input.AsSpan(0, Math.Min(input.Length, 1024)));
        return format == InputFormat.Zip ? OfficePackage.Classify(input) : format;
    }

    /// <summary>The format's name for logs and spans ("pdf", "docx", …); never throws (a bad ZIP is "zip").</summary>
    public static string Describe(byte[] input)
    {
        try
        {
            return SniffDocument(input).ToString().ToLowerInvariant();
        }
        catch (Errors.ParseException)
        {
            return "zip";
        }
    }

    public static bool IsOffice(this InputFormat format) => format is InputFormat.Docx or InputFormat.Pptx or InputFormat.Xlsx;

}
