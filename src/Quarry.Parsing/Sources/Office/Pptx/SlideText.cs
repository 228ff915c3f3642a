using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using Quarry.Core.Model;

namespace Quarry.Parsing.Sources.Office.Pptx;

/// <summary>
/// A shape's text body: the title placeholder as the page's title; other paragraphs as text, and bulleted
/// or numbered runs of paragraphs as a list (nesting from <c>a:pPr/@lvl</c>). Body placeholders are
/// bulleted unless a paragraph says <c>a:buNone</c> (their masters bullet them); text boxes only where a
/// paragraph asks for a bullet. Links keep their target.
/// </summary>
internal sealed class SlideText(OpenXmlPart part)
{
    public void Shape(SlideShape shape, OfficePage page)
    {
        var body = shape.Element.Child("txBody");
        if (body is null)
        {
            return;
        }
        if (shape.IsTitle)
        {
            var title = string.Join(" ", body.Children("p").Select(Paragraph).Where(t => t.Length > 0));
            if (title.Length > 0)
            {
                page.Blocks.Add(OfficeBlocks.Text(BlockType.Title, title, 1));
            }
            return;
        }
        var bulletedByDefault = shape.PlaceholderType is "body" or "obj";
        var list = new ListBuilder();
        var numbers = new int[9];
        foreach (var p in body.Children("p"))
        {
            var inline = Inline(p);
            var text = inline.Text;
            if (text.Length == 0)
            {
                continue;
            }
            var pPr = p.Child("pPr");
            var level = int.TryParse(pPr?.Attr("lvl"), out var l) ? Math.Clamp(l, 0, 8) : 0;
            var ordered = pPr?.Child("buAutoNum") is not null;
            var bulleted = pPr?.Child("buNone") is null && (ordered || pPr?.Child("buChar") is not null || (bulletedByDefault && shape.PlaceholderType != "subTitle"));
            if (!bulleted)
            {
                Flush(list, page);
                Array.Clear(numbers);
                page.Blocks.Add(OfficeBlocks.Text(BlockType.Text, inline));
                continue;
            }
            numbers[level] = ordered ? numbers[level] + 1 : 0;
            Array.Clear(numbers, level + 1, numbers.Length - level - 1);
            var start = int.TryParse(pPr?.Child("buAutoNum")?.Attr("startAt"), out var s) ? s : 1;
            if (!list.Add(level, ordered, start - 1 + Math.Max(1, numbers[level]), text))
            {
                Flush(list, page);
                list.Add(level, ordered, start - 1 + Math.Max(1, numbers[level]), text);
            }
        }
        Flush(list, page);
    }

    /// <summary>The shape's paragraphs as plain text, one per paragraph (notes, table cells).</summary>
    public IEnumerable<string> Paragraphs(OpenXmlElement shape) =>
        (shape.Child("txBody") ?? shape).Children("p").Select(Paragraph);

    public string Paragraph(OpenXmlElement p) => Inline(p).Text;

    /// <summary>A paragraph's runs: bold and italic (a:rPr b/i) kept for the Markdown, links with their target.</summary>
    private InlineText Inline(OpenXmlElement p)
    {
        var builder = new InlineText.Builder();
        foreach (var e in p.Content())
        {
            switch (e.LocalName)
            {
                case "r":
                    var text = string.Concat(e.Children("t").Select(t => t.InnerText));
                    var rPr = e.Child("rPr");
                    var link = rPr?.Child("hlinkClick")?.RelId("id") is { } id
                        ? part.HyperlinkRelationships.FirstOrDefault(r => r.Id == id)?.Uri.OriginalString
                        : null;
                    if (link is not null && text.Trim().Length > 0)
                    {
                        builder.Append("[" + text + "](" + link.Replace(" ", "%20", StringComparison.Ordinal) + ")");
                    }
                    else
                    {
                        builder.Append(text, (rPr.Attr("b") is "1" or "true" ? Emphasis.Bold : Emphasis.None) | (rPr.Attr("i") is "1" or "true" ? Emphasis.Italic : Emphasis.None));
                    }
                    break;
                case "fld":
                    builder.Append(string.Concat(e.Children("t").Select(t => t.InnerText)));
                    break;
                case "br":
                    builder.Append("\n");
                    break;
                default:
                    break;
            }
        }
        return builder.Build();
    }

    private static void Flush(ListBuilder list, OfficePage page)
    {
        if (list.Take() is { } block)
        {
            page.Blocks.Add(block);
        }
    }
}
