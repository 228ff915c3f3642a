using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;

namespace Quarry.Parsing.Sources.Office.Docx;

/// <summary>
/// Footnotes and endnotes. A reference becomes <c>[^n]</c> in the running text (footnotes numbered 1, 2, … and
/// endnotes <c>e1</c>, <c>e2</c>, … in order of first reference) and the note itself a paragraph
/// <c>[^n]: text</c>, footnotes at the end of the section that cites them, endnotes at the end of the
/// document: Markdown's footnote syntax, so the notes stay in the text rather than being dropped as furniture.
/// </summary>
internal sealed class DocxNotes(MainDocumentPart main)
{
    private readonly Dictionary<string, OpenXmlElement>? _footnotes = Index(main.FootnotesPart?.Footnotes, "footnote");
    private readonly Dictionary<string, OpenXmlElement>? _endnotes = Index(main.EndnotesPart?.Endnotes, "endnote");
    private readonly List<(string Label, OpenXmlElement Note, OpenXmlPart Part)> _pendingFootnotes = [];
    private readonly List<(string Label, OpenXmlElement Note, OpenXmlPart Part)> _endnotesCited = [];
    private int _footnoteCount;
    private int _endnoteCount;

    public string Reference(string? id, bool endnote)
    {
        var notes = endnote ? _endnotes : _footnotes;
        if (id is null || notes is null || !notes.TryGetValue(id, out var note))
        {
            return "";
        }
        var label = endnote
            ? "e" + (++_endnoteCount).ToString(CultureInfo.InvariantCulture)
            : (++_footnoteCount).ToString(CultureInfo.InvariantCulture);
        OpenXmlPart part = endnote ? main.EndnotesPart! : main.FootnotesPart!;
        (endnote ? _endnotesCited : _pendingFootnotes).Add((label, note, part));
        return "[^" + label + "]";
    }

    /// <summary>The footnotes cited since the last call, as <c>[^n]: text</c>.</summary>
    public IEnumerable<string> TakeFootnotes() => Take(_pendingFootnotes);

    public IEnumerable<string> TakeEndnotes() => Take(_endnotesCited);

    private List<string> Take(List<(string Label, OpenXmlElement Note, OpenXmlPart Part)> notes)
    {
        var texts = new List<string>();
        foreach (var (label, note, part) in notes)
        {
            var inline = new DocxInline(part, this);
            var body = string.Join(" ", note.Children("p").Select(p => inline.Read(p).Text.Text).Where(t => t.Length > 0));
            texts.Add("[^" + label + "]: " + body);
        }
        notes.Clear();
        return texts;
    }

    /// <summary>Notes by id; the separator notes Word keeps in the same part are not notes.</summary>
    private static Dictionary<string, OpenXmlElement>? Index(OpenXmlElement? root, string name) =>
        root?.Children(name)
            .Where(n => n.Attr("type") is null or "normal" && n.Attr("id") is not null)
            .GroupBy(n => n.Attr("id")!)
            .ToDictionary(g => g.Key, g => g.First());
}
