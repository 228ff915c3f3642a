using System.Diagnostics;
using System.Xml;
using DocumentFormat.OpenXml.Packaging;
using Quarry.Core.Model;
using Quarry.Parsing.Pipeline;
using Quarry.Parsing.Sources.Office.Docx;
using Quarry.Parsing.Sources.Office.Pptx;
using Quarry.Parsing.Sources.Office.Xlsx;

namespace Quarry.Parsing.Sources.Office;

/// <summary>
/// Parses DOCX, PPTX and XLSX from their structure: no rendering and no layout analysis, the document model
/// already says what each element is. Pages are Word sections, slides or (visible) sheets; the page range
/// applies to them; the writers then produce the same files as for a PDF (<c>_backend</c> "office", as MinerU).
/// </summary>
internal static class OfficeDocuments
{
    public static ParsedDocument Parse(byte[] input, InputFormat format, string basename, ParseOptions options, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        List<OfficePage> pages;
        try
        {
            using var stream = new MemoryStream(input, writable: false);
            pages = format switch
            {
                InputFormat.Docx => ReadDocx(stream, ct),
                InputFormat.Pptx => ReadPptx(stream, ct),
                _ => ReadXlsx(stream, ct),
            };
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or XmlException or IOException)
        {
            throw OfficePackage.Damaged(ex);
        }
        if (pages.Count == 0)
        {
            // A deck without slides (or a workbook whose sheets are all hidden) is an empty result, not a failure.
            return new ParsedDocument { Basename = basename, Pages = [], Backend = "office" };
        }
        var (first, last) = PageRange.Resolve(pages.Count, options);
        var perPage = Stopwatch.GetElapsedTime(started).TotalMilliseconds / pages.Count;
        var results = new PageResult[last - first + 1];
        for (var i = 0; i < results.Length; i++)
        {
            pages[first + i].ElapsedMilliseconds = perPage;
            results[i] = pages[first + i].ToResult(i);
        }
        return new ParsedDocument
        {
            Basename = basename,
            Pages = results,
            Backend = "office",
            StartPage = first,
            SourcePageCount = pages.Count,
        };
    }

    private static List<OfficePage> ReadDocx(Stream stream, CancellationToken ct)
    {
        using var document = WordprocessingDocument.Open(stream, false);
        return DocxReader.Read(document, ct);
    }

    private static List<OfficePage> ReadPptx(Stream stream, CancellationToken ct)
    {
        using var document = PresentationDocument.Open(stream, false);
        return PptxReader.Read(document, ct);
    }

    private static List<OfficePage> ReadXlsx(Stream stream, CancellationToken ct)
    {
        using var document = SpreadsheetDocument.Open(stream, false);
        return XlsxReader.Read(document, ct);
    }
}
