using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;

namespace Quarry.Parsing.Sources.Office.Docx;

/// <summary>What a paragraph style means to the reader, its <c>basedOn</c> chain resolved.</summary>
internal sealed record ParagraphStyle(int HeadingLevel, bool IsCaption, string? NumId, int NumLevel);

/// <summary>
/// The document's paragraph styles: heading levels from the outline level a style declares (Word's built-in
/// headings carry <c>w:outlineLvl</c>), else from the built-in names ("heading 3", "Title"); captions; and
/// numbering a style attaches (List Number, List Bullet).
/// </summary>
internal sealed class DocxStyles
{
    private readonly Dictionary<string, OpenXmlElement> _styles = [];
    private readonly Dictionary<string, ParagraphStyle> _resolved = [];

    public DocxStyles(MainDocumentPart main)
    {
        var root = main.StyleDefinitionsPart?.Styles;
        if (root is null)
        {
            return;
        }
        foreach (var style in root.Children("style"))
        {
            if (style.Attr("styleId") is { } id && style.Attr("type") is null or "paragraph")
            {
                _styles[id] = style;
            }
        }
    }

    public static ParagraphStyle None { get; } = new(0, false, null, 0);

    public ParagraphStyle Get(string? styleId)
    {
        if (styleId is null || !_styles.ContainsKey(styleId))
        {
            return None;
        }
        if (!_resolved.TryGetValue(styleId, out var style))
        {
            style = Resolve(styleId);
            _resolved[styleId] = style;
        }
        return style;
    }

    private ParagraphStyle Resolve(string styleId)
    {
        int? outline = null;
        string? numId = null;
        var numLevel = 0;
        var caption = false;
        var nameLevel = 0;
        // Walk up basedOn (bounded: a cycle in a damaged file must not hang).
        var id = styleId;
        for (var depth = 0; depth < 16 && id is not null && _styles.TryGetValue(id, out var style); depth++)
        {
            var pPr = style.Child("pPr");
            if (outline is null && pPr?.Child("outlineLvl")?.Attr("val") is { } lvl && int.TryParse(lvl, out var o))
            {
                outline = o;
            }
            if (numId is null && pPr?.Child("numPr") is { } numPr)
            {
                numId = numPr.Child("numId")?.Attr("val");
                numLevel = int.TryParse(numPr.Child("ilvl")?.Attr("val"), out var l) ? l : 0;
            }
            var name = (style.Child("name")?.Attr("val") ?? "").ToLowerInvariant();
            caption |= name == "caption";
            if (nameLevel == 0)
            {
                nameLevel = NameLevel(name);
            }
            id = style.Child("basedOn")?.Attr("val");
        }
        // Outline level 9 is body text; 0–8 are heading levels 1–9.
        var level = outline is >= 0 and < 9 ? outline.Value + 1 : outline is null ? nameLevel : 0;
        return new ParagraphStyle(level, caption, numId, numLevel);
    }

    private static int NameLevel(string name)
    {
        if (name == "title")
        {
            return 1;
        }
        return name.StartsWith("heading ", StringComparison.Ordinal) && int.TryParse(name.AsSpan(8), out var n) && n is >= 1 and <= 9 ? n : 0;
    }
}
