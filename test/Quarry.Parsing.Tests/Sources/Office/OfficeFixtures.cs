using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using Quarry.Core.Model;
using Quarry.Core.Writers;
using Quarry.Parsing.Pipeline;

namespace Quarry.Parsing.Tests.Sources.Office;

/// <summary>
/// Small Office documents written with the Open XML SDK itself: each test states its parts as XML, the SDK
/// packages them (content types, relationships) exactly as an Office application's file is laid out.
/// </summary>
internal static class OfficeFixtures
{
    public const string WordNs = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" xmlns:m=\"http://schemas.openxmlformats.org/officeDocument/2006/math\" xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\" xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\" xmlns:v=\"urn:schemas-microsoft-com:vml\"";
    public const string SheetNs = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";
    public const string SlideNs = "xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\" xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\"";

    /// <summary>A 1×1 PNG.</summary>
    public static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    public sealed class Word
    {
        public string? Styles { get; init; }
        public string? Numbering { get; init; }
        public string? Footnotes { get; init; }
        public string? Endnotes { get; init; }
        public string? Header { get; init; }
        public string? Footer { get; init; }
        public bool Image { get; init; }
        public string? Link { get; init; }
    }

    /// <summary>A DOCX whose body is <paramref name="body"/> (w:body's children). Parts get fixed ids: rIdHdr, rIdFtr, rIdImg, rIdLink.</summary>
    public static byte[] Docx(string body, Word? parts = null)
    {
        parts ??= new Word();
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            Write(main, $"<w:document {WordNs}><w:body>{body}</w:body></w:document>");
            if (parts.Styles is { } styles)
            {
                Write(main.AddNewPart<StyleDefinitionsPart>(), $"<w:styles {WordNs}>{styles}</w:styles>");
            }
            if (parts.Numbering is { } numbering)
            {
                Write(main.AddNewPart<NumberingDefinitionsPart>(), $"<w:numbering {WordNs}>{numbering}</w:numbering>");
            }
            if (parts.Footnotes is { } footnotes)
            {
                Write(main.AddNewPart<FootnotesPart>(), $"<w:footnotes {WordNs}>{footnotes}</w:footnotes>");
            }
            if (parts.Endnotes is { } endnotes)
            {
                Write(main.AddNewPart<EndnotesPart>(), $"<w:endnotes {WordNs}>{endnotes}</w:endnotes>");
            }
            if (parts.Header is { } header)
            {
                Write(main.AddNewPart<HeaderPart>("rIdHdr"), $"<w:hdr {WordNs}>{header}</w:hdr>");
            }
            if (parts.Footer is { } footer)
            {
                Write(main.AddNewPart<FooterPart>("rIdFtr"), $"<w:ftr {WordNs}>{footer}</w:ftr>");
            }
            if (parts.Image)
            {
                var image = main.AddImagePart(ImagePartType.Png, "rIdImg");
                image.FeedData(new MemoryStream(Png));
            }
            if (parts.Link is { } link)
            {
                main.AddHyperlinkRelationship(new Uri(link), true, "rIdLink");
            }
        }
        return stream.ToArray();
    }

    /// <summary>A paragraph: <c>P("text")</c>, or with properties <c>P("text", "&lt;w:pStyle w:val=\"Heading1\"/&gt;")</c>.</summary>
    public static string P(string text, string pPr = "") =>
        $"<w:p>{(pPr.Length > 0 ? "<w:pPr>" + pPr + "</w:pPr>" : "")}<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>";

    /// <summary>An XLSX of the given sheets (name, sheetData and after), with shared strings and styles when given.</summary>
    public static byte[] Xlsx(IReadOnlyList<(string Name, string Xml, string? State)> sheets, string? sharedStrings = null, string? styles = null, string? workbookPr = null)
    {
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = doc.AddWorkbookPart();
            var entries = new StringBuilder();
            for (var i = 0; i < sheets.Count; i++)
            {
                var (name, xml, state) = sheets[i];
                var id = "rIdS" + i;
                if (xml.StartsWith("<chartsheet", StringComparison.Ordinal))
                {
                    Write(workbook.AddNewPart<ChartsheetPart>(id), xml.Replace("<chartsheet", $"<chartsheet {SheetNs}", StringComparison.Ordinal));
                }
                else
                {
                    Write(workbook.AddNewPart<WorksheetPart>(id), $"<worksheet {SheetNs}>{xml}</worksheet>");
                }
                entries.Append($"<sheet name=\"{name}\" sheetId=\"{i + 1}\" r:id=\"{id}\"{(state is null ? "" : $" state=\"{state}\"")}/>");
            }
            Write(workbook, $"<workbook {SheetNs}>{workbookPr}<sheets>{entries}</sheets></workbook>");
            if (sharedStrings is not null)
            {
                Write(workbook.AddNewPart<SharedStringTablePart>(), $"<sst {SheetNs}>{sharedStrings}</sst>");
            }
            if (styles is not null)
            {
                Write(workbook.AddNewPart<WorkbookStylesPart>(), $"<styleSheet {SheetNs}>{styles}</styleSheet>");
            }
        }
        return stream.ToArray();
    }

    /// <summary>A PPTX of the given slides (each its p:spTree's shapes), with speaker notes where given. Picture id: rIdImg.</summary>
    public static byte[] Pptx(IReadOnlyList<(string Shapes, string? Notes)> slides, bool image = false, string? chart = null)
    {
        using var stream = new MemoryStream();
        using (var doc = PresentationDocument.Create(stream, PresentationDocumentType.Presentation))
        {
            var presentation = doc.AddPresentationPart();
            var ids = new StringBuilder();
            for (var i = 0; i < slides.Count; i++)
            {
                var slide = presentation.AddNewPart<SlidePart>("rIdSl" + i);
                Write(slide, $"<p:sld {SlideNs}><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>{slides[i].Shapes}</p:spTree></p:cSld></p:sld>");
                if (slides[i].Notes is { } notes)
                {
                    Write(slide.AddNewPart<NotesSlidePart>(), $"<p:notes {SlideNs}><p:cSld><p:spTree>{Shape(notes, "body", 0, 0)}</p:spTree></p:cSld></p:notes>");
                }
                if (image)
                {
                    slide.AddImagePart(ImagePartType.Png, "rIdImg").FeedData(new MemoryStream(Png));
                }
                if (chart is not null)
                {
                    Write(slide.AddNewPart<ChartPart>("rIdChart"), $"<c:chartSpace {SlideNs}>{chart}</c:chartSpace>");
                }
                ids.Append($"<p:sldId id=\"{256 + i}\" r:id=\"rIdSl{i}\"/>");
            }
            Write(presentation, $"<p:presentation {SlideNs}><p:sldIdLst>{ids}</p:sldIdLst><p:sldSz cx=\"9144000\" cy=\"6858000\"/></p:presentation>");
        }
        return stream.ToArray();
    }

    /// <summary>A text shape: placeholder type (or null for a text box), offset in EMU, paragraphs as a:p XML or plain strings.</summary>
    public static string Shape(string paragraphs, string? placeholder, long x, long y, bool placed = true)
    {
        var ph = placeholder is null ? "" : $"<p:ph type=\"{placeholder}\"/>";
        var xfrm = placed ? $"<a:xfrm><a:off x=\"{x}\" y=\"{y}\"/><a:ext cx=\"1000\" cy=\"1000\"/></a:xfrm>" : "";
        var body = paragraphs.StartsWith("<a:p", StringComparison.Ordinal) ? paragraphs : $"<a:p><a:r><a:t>{paragraphs}</a:t></a:r></a:p>";
        return $"<p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"s\"/><p:cNvSpPr/><p:nvPr>{ph}</p:nvPr></p:nvSpPr><p:spPr>{xfrm}</p:spPr><p:txBody><a:bodyPr/>{body}</p:txBody></p:sp>";
    }

    public static ParsedDocument Parse(byte[] input, int startPage = 0, int endPage = -1) =>
        DocumentParser.Parse(input, "doc", "txt", new ParseOptions { StartPage = startPage, EndPage = endPage });

    public static string Markdown(byte[] input) => MarkdownWriter.Write(Parse(input));

    private static void Write(OpenXmlPart part, string xml)
    {
        using var writer = new StreamWriter(part.GetStream(FileMode.Create), new UTF8Encoding(false));
        writer.Write(xml);
    }
}
