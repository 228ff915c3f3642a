using Quarry.Parsing.Errors;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;

namespace Quarry.Parsing.Sources;

/// <summary>Opens a PDF with PdfPig and turns its failures into Quarry's error codes.</summary>
public static class PdfOpener
{
    public static PdfDocument Open(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            throw new ParseException(ErrorCode.InvalidInput, "the input is empty (0 bytes)");
        }
        var format = InputSniffer.Sniff(bytes.AsSpan(0, Math.Min(bytes.Length, 1024)));
        if (format != InputFormat.Pdf)
        {
            throw new ParseException(ErrorCode.UnsupportedFormat,
                format == InputFormat.Unknown
                    ? "the input is not a PDF (no %PDF- header in its first 1024 bytes)"
                    : $"the input is a {format} image; the text-layer engine reads PDFs only");
        }
        try
        {
            var doc = PdfDocument.Open(bytes, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
            _ = doc.NumberOfPages;
            return doc;
        }
        catch (Exception ex)
        {
            throw Classify(ex);
        }
    }

    /// <summary>Maps an exception PdfPig threw (while opening or reading a page) to a Quarry error.</summary>
    public static ParseException Classify(Exception ex) => ex switch
    {
        ParseException pe => pe,
        PdfDocumentEncryptedException => new ParseException(ErrorCode.PdfEncrypted,
            "the PDF is encrypted and needs a password to open", ex),
        OutOfMemoryException or InsufficientExecutionStackException or StackOverflowException =>
            new ParseException(ErrorCode.PdfCorrupt, "the PDF's structure is too deep or too large to read: " + ex.Message, ex),
        _ => new ParseException(ErrorCode.PdfCorrupt, "the PDF is damaged and could not be read: " + FirstLine(ex.Message), ex),
    };

    private static string FirstLine(string message)
    {
        var i = message.IndexOfAny(['\r', '\n']);
        var line = i < 0 ? message : message[..i];
        return line.Length > 200 ? line[..200] + "…" : line;
    }
}
