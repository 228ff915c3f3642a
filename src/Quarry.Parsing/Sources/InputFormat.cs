namespace Quarry.Parsing.Sources;

public enum InputFormat
{
    Unknown,
    Pdf,
    Png,
    Jpeg,
    Tiff,
}

/// <summary>Identifies an input by its leading bytes, never by its file name.</summary>
public static class InputSniffer
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

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
        // PDF readers accept the header anywhere in the first 1024 bytes (PDF 32000-1, Annex H).
        var window = head[..Math.Min(head.Length, 1024)];
        return window.IndexOf("%PDF-"u8) >= 0 ? InputFormat.Pdf : InputFormat.Unknown;
    }
}
