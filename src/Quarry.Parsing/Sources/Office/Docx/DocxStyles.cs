using System.Xml;
using System.Xml.Linq;
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
    private static readonly XNamespace W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    private readonly Dictionary<string, XElement> _styles = [];
    private readonly Dictionary<string, ParagraphStyle> _resolved = [];

    public DocxStyles(MainDocumentPart main)
    {
        // Read as plain XML: the SDK's typed DOM costs hundreds of milliseconds on a template's few hundred
        // styles, and only a handful of properties of the styles in use are needed.
        if (main.StyleDefinitionsPart is not { } part)
        {
            return;
        }
        using var stream = part.GetStream(FileMode.Open, FileAccess.Read);
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, IgnoreWhitespace = true });
        // Stream past latent styles and non-paragraph styles; only paragraph styles become elements.
        reader.MoveToContent();
        reader.Read();
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "style" && reader.NamespaceURI == W.NamespaceName
                && reader.GetAttribute("type", W.NamespaceName) is null or "paragraph")
            {
                var style = (XElement)XNode.ReadFrom(reader);
                if ((string?)style.Attribute(W + "styleId") is { } id)
                {
                    _styles[id] = style;
                }
            }
            else if (reader.NodeType == XmlNodeType.Element)
            {
                reader.Skip();
            }
            else
            {
                reader.Read();
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
            var pPr = style.Element(W + "pPr");
            if (outline is null && Val(pPr?.Element(W + "outlineLvl")) is { } lvl && int.TryParse(lvl, out var o))
            {
                outline = o;
            }
            if (numId is null && pPr?.Element(W + "numPr") is { } numPr)
            {
                numId = Val(numPr.Element(W + "numId"));
                numLevel = int.TryParse(Val(numPr.Element(W + "ilvl")), out var l) ? l : 0;
            }
            var name = (Val(style.Element(W + "name")) ?? "").ToLowerInvariant();
            caption |= name == "caption";
            if (nameLevel == 0)
            {
                nameLevel = NameLevel(name);
            }
            id = Val(style.Element(W + "basedOn"));
        }
        // Outline level 9 is body text; 0–8 are heading levels 1–9.
        var level = outline is >= 0 and < 9 ? outline.Value + 1 : outline is null ? nameLevel : 0;
        return new ParagraphStyle(level, caption, numId, numLevel);
    }

    private static string? Val(XElement? e) => (string?)e?.Attribute(W + "val");

    private static int NameLevel(string name)
    {
        if (name == "title")
        {
            return 1;
        }
        return name.StartsWith("heading ", StringComparison.Ordinal) && int.TryParse(name.AsSpan(8), out var n) && n is >= 1 and <= 9 ? n : 0;
    }
}
