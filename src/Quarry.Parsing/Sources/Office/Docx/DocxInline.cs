using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;

namespace Quarry.Parsing.Sources.Office.Docx;

/// <summary>What a paragraph holds besides its running text: pictures, display equations, text-box paragraphs.</summary>
internal sealed class ParagraphContent
{
    public InlineText Text { get; set; } = new("", []);
    public List<string> ImageIds { get; } = [];
    public List<string> DisplayEquations { get; } = [];
    public List<OpenXmlElement> TextBoxParagraphs { get; } = [];
}

/// <summary>
/// Reads a paragraph's runs into text: hyperlinks as Markdown links, footnote and endnote references as
/// <c>[^n]</c>, tabs and breaks as white space, inline OMML as <c>$latex$</c>; deleted text, field codes,
/// comments and hidden (vanished) runs are left out. Content controls and inserted text are transparent.
/// </summary>
internal sealed class DocxInline(OpenXmlPart part, DocxNotes notes)
{
    public ParagraphContent Read(OpenXmlElement paragraph)
    {
        var builder = new InlineText.Builder();
        var content = new ParagraphContent();
        Walk(paragraph, builder, content);
        content.Text = builder.Build();
        return content;
    }

    private void Walk(OpenXmlElement parent, InlineText.Builder text, ParagraphContent content)
    {
        foreach (var e in parent.Content())
        {
            switch (e.LocalName)
            {
                case "r":
                    Run(e, text, content);
                    break;
                case "hyperlink":
                    Hyperlink(e, text, content);
                    break;
                case "oMath":
                    text.AppendFormula(OmmlLatex.Convert(e));
                    break;
                case "oMathPara":
                    content.DisplayEquations.AddRange(e.Children("oMath").Select(OmmlLatex.Convert).Where(l => l.Length > 0));
                    break;
                case "sdt":
                    if (e.Child("sdtContent") is { } sdtContent)
                    {
                        Walk(sdtContent, text, content);
                    }
                    break;
                case "ins" or "smartTag" or "customXml" or "fldSimple" or "dir" or "bdo":
                    Walk(e, text, content);
                    break;
                default:
                    break; // pPr, bookmarks, deletions, comment ranges, proofing marks
            }
        }
    }

    private void Run(OpenXmlElement run, InlineText.Builder text, ParagraphContent content)
    {
        if (run.Child("rPr")?.Child("vanish").IsOn() == true)
        {
            return;
        }
        var rPr = run.Child("rPr");
        var emphasis = (rPr?.Child("b").IsOn() == true ? Emphasis.Bold : Emphasis.None) | (rPr?.Child("i").IsOn() == true ? Emphasis.Italic : Emphasis.None);
        foreach (var e in run.Content())
        {
            switch (e.LocalName)
            {
                case "t":
                    text.Append(e.InnerText, emphasis);
                    break;
                case "tab" or "ptab":
                    text.Append(" ");
                    break;
                case "br" or "cr":
                    text.Append(e.Attr("type") == "page" ? " " : "\n");
                    break;
                case "noBreakHyphen":
                    text.Append("-");
                    break;
                case "sym":
                    text.Append(Symbol(e.Attr("char")));
                    break;
                case "footnoteReference":
                    text.Append(notes.Reference(e.Attr("id"), endnote: false));
                    break;
                case "endnoteReference":
                    text.Append(notes.Reference(e.Attr("id"), endnote: true));
                    break;
                case "drawing" or "pict" or "object":
                    Graphic(e, content);
                    break;
                default:
                    break; // rPr, field codes (instrText), deleted text, comment references, marks
            }
        }
    }

    private void Hyperlink(OpenXmlElement link, InlineText.Builder text, ParagraphContent content)
    {
        var url = link.RelId("id") is { } id ? part.HyperlinkRelationships.FirstOrDefault(r => r.Id == id)?.Uri.OriginalString : null;
        if (url is null)
        {
            Walk(link, text, content); // an internal anchor (a bookmark): the text alone
            return;
        }
        var inner = new InlineText.Builder();
        Walk(link, inner, content);
        var label = inner.Build();
        if (label.Text.Length == 0)
        {
            return;
        }
        text.Append("[" + label.Text + "](" + url.Replace(" ", "%20", StringComparison.Ordinal).Replace(")", "%29", StringComparison.Ordinal) + ")");
    }

    /// <summary>A drawing: its pictures (a:blip, v:imagedata) and the paragraphs of its text boxes.</summary>
    private static void Graphic(OpenXmlElement graphic, ParagraphContent content)
    {
        foreach (var d in graphic.ContentDescendants())
        {
            if (d.LocalName is "blip" && d.RelId("embed") is { } embed)
            {
                content.ImageIds.Add(embed);
            }
            else if (d.LocalName is "imagedata" && d.RelId("id") is { } id)
            {
                content.ImageIds.Add(id);
            }
            else if (d.LocalName == "txbxContent")
            {
                content.TextBoxParagraphs.AddRange(d.Content().Where(p => p.LocalName is "p" or "tbl"));
            }
        }
    }

    /// <summary>A w:sym character: symbol-font code points (F0xx) map to their ASCII position, which is what most carry.</summary>
    private static string Symbol(string? hex)
    {
        if (hex is null || !int.TryParse(hex, System.Globalization.NumberStyles.HexNumber, null, out var code))
        {
            return "";
        }
        return code is >= 0xF020 and <= 0xF0FF ? "" : char.ConvertFromUtf32(code);
    }
}
