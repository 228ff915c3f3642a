using Quarry.Parsing.Errors;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;

namespace Quarry.Parsing.Sources;

/// <summary>Opens a PDF with PdfPig and turns its failures into Quarry's error codes.</summary>
public static partial class PdfOpener
{
    /// <summary>Opens a document for the first time: its structure is checked (<see cref="StructureCheck"/>) before PdfPig reads it.</summary>
    public static PdfDocument Open(byte[] bytes) => Open(bytes, checkStructure: true);

    /// <summary>Another handle on a document <see cref="Open(byte[])"/> has already accepted (PdfPig's documents are not thread-safe).</summary>
    public static PdfDocument Reopen(byte[] bytes) => Open(bytes, checkStructure: false);

    private static PdfDocument Open(byte[] bytes, bool checkStructure)
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
        if (checkStructure)
        {
            StructureCheck.Run(bytes);
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

    /// <summary>
    /// Maps an exception PdfPig threw (while opening or reading a page) to a Quarry error. The message is for
    /// the user: PdfPig's own text (type names, parser states) stays in the inner exception for the log, and
    /// only an object number, which a user can look up or repair, is passed on.
    /// </summary>
    public static ParseException Classify(Exception ex) => ex switch
    {
        ParseException pe => pe,
        PdfDocumentEncryptedException => new ParseException(ErrorCode.PdfEncrypted,
            "the PDF is encrypted and needs a password to open", ex),
        OutOfMemoryException or InsufficientExecutionStackException or StackOverflowException =>
            new ParseException(ErrorCode.PdfCorrupt, "the PDF's structure is too deep or too large to read", ex),
        _ => new ParseException(ErrorCode.PdfCorrupt, "the PDF is damaged and could not be read" + ObjectDetail(ex.Message)
            + "; repairing it (for example re-saving it, or `qpdf in.pdf out.pdf`) may help", ex),
    };

    /// <summary><c> (object 12 0 is malformed)</c> when the library's message names an object, else nothing.</summary>
    private static string ObjectDetail(string message)
    {
        var match = ObjectReference().Match(message);
        return match.Success ? $" (object {match.Groups["n"].Value} {match.Groups["g"].Value} is malformed)" : "";
    }

    // PdfPig names objects as "12 0 R", "12 0 obj" or "object (number) 12 0".
    [System.Text.RegularExpressions.GeneratedRegex(@"\bobject (?:number )?(?<n>\d{1,9}) (?<g>\d{1,5})\b|\b(?<n>\d{1,9}) (?<g>\d{1,5}) (?:R|obj)\b")]
    private static partial System.Text.RegularExpressions.Regex ObjectReference();
}
