using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using Quarry.Core.Model;

namespace Quarry.Parsing.Sources.Office.Docx;

/// <summary>
/// A Word document's body in order, one page per section (as MinerU pages DOCX): headings with their style's
/// outline level, paragraphs, lists, tables, pictures with their captions, display equations, text boxes in
/// place (after the paragraph that anchors them), footnotes; headers and footers as page furniture.
/// Comments are left out: they are reviewers' notes on the text, not part of it.
/// </summary>
internal sealed partial class DocxReader
{
    private readonly MainDocumentPart _main;
    private readonly DocxStyles _styles;
    private readonly DocxNumbering _numbering;
    private readonly DocxNotes _notes;
    private readonly DocxInline _inline;
    private readonly List<OfficePage> _pages = [];
    private readonly ListBuilder _list = new();
    private OfficePage _page;
    private string? _pendingCaption;
    private OpenXmlElement? _lastSectionProperties;

    private DocxReader(MainDocumentPart main)
    {
        _main = main;
        _styles = new DocxStyles(main);
        _numbering = new DocxNumbering(main);
        _notes = new DocxNotes(main);
        _inline = new DocxInline(main, _notes);
        _page = new OfficePage(0, 0, 0);
    }

    public static List<OfficePage> Read(WordprocessingDocument document, CancellationToken ct)
    {
        var main = document.MainDocumentPart ?? throw new OpenXmlPackageException("the package has no main document part");
        var body = main.Document?.Body;
        var reader = new DocxReader(main);
        if (body is not null)
        {
            reader.Body(body, ct);
        }
        reader.EndSection(body?.Child("sectPr"), last: true);
        return reader._pages;
    }

    private void Body(OpenXmlElement container, CancellationToken ct)
    {
        foreach (var e in container.Content())
        {
            ct.ThrowIfCancellationRequested();
            switch (e.LocalName)
            {
                case "p":
                    Paragraph(e);
                    if (e.Child("pPr")?.Child("sectPr") is { } sectPr)
                    {
                        EndSection(sectPr, last: false);
                    }
                    break;
                case "tbl":
                    Emit(OfficeBlocks.Table(DocxTable.Html(e, p => _inline.Read(p).Text.Text)));
                    break;
                case "sdt":
                    if (e.Child("sdtContent") is { } content)
                    {
                        Body(content, ct);
                    }
                    break;
                case "customXml":
                    Body(e, ct);
                    break;
                default:
                    break; // body sectPr (read at the end), bookmarks, deletions
            }
        }
    }

    private void Paragraph(OpenXmlElement p)
    {
        var pPr = p.Child("pPr");
        var style = _styles.Get(pPr?.Child("pStyle")?.Attr("val"));
        var level = pPr?.Child("outlineLvl")?.Attr("val") is { } ol && int.TryParse(ol, out var o) ? (o is >= 0 and < 9 ? o + 1 : 0) : style.HeadingLevel;
        var content = _inline.Read(p);
        var text = content.Text;
        var numPr = pPr?.Child("numPr");
        var numId = numPr?.Child("numId")?.Attr("val") ?? style.NumId;
        var numLevel = int.TryParse(numPr?.Child("ilvl")?.Attr("val"), out var il) ? il : style.NumLevel;

        if (text.Text.Length > 0)
        {
            if (level > 0)
            {
                Emit(OfficeBlocks.Text(BlockType.Title, text, level));
            }
            else if (numId is not null && _numbering.Next(numId, numLevel) is { } mark)
            {
                FlushCaption();
                if (!_list.Add(mark, text.Text))
                {
                    FlushList();
                    _list.Add(mark, text.Text);
                }
            }
            else if (style.IsCaption || CaptionPattern().IsMatch(text.Text))
            {
                Caption(text.Text);
            }
            else
            {
                Emit(OfficeBlocks.Text(BlockType.Text, text));
            }
        }
        foreach (var id in content.ImageIds)
        {
            if (ImageData(id) is { } image)
            {
                Emit(_page.Image(image.Data, image.Extension));
            }
        }
        foreach (var latex in content.DisplayEquations)
        {
            Emit(OfficeBlocks.Equation(latex));
        }
        foreach (var inner in content.TextBoxParagraphs)
        {
            if (inner.LocalName == "tbl")
            {
                Emit(OfficeBlocks.Table(DocxTable.Html(inner, q => _inline.Read(q).Text.Text)));
            }
            else
            {
                Paragraph(inner);
            }
        }
    }

    /// <summary>A caption binds to the picture or table just before it, else to the one just after it.</summary>
    private void Caption(string text)
    {
        FlushList();
        FlushCaption();
        if (_page.Blocks.Count > 0 && _page.Blocks[^1] is { Type: BlockType.Image or BlockType.Table, Captions.Count: 0 } previous)
        {
            previous.Captions.Add(text);
            return;
        }
        _pendingCaption = text;
    }

    private void Emit(Block block)
    {
        FlushList();
        if (_pendingCaption is not null && block.Type is BlockType.Image or BlockType.Table)
        {
            block.Captions.Add(_pendingCaption);
            _pendingCaption = null;
        }
        FlushCaption();
        _page.Blocks.Add(block);
    }

    private void FlushCaption()
    {
        if (_pendingCaption is { } text)
        {
            _pendingCaption = null;
            _page.Blocks.Add(OfficeBlocks.Text(BlockType.Text, text));
        }
    }

    private void FlushList()
    {
        if (_list.Take() is { } list)
        {
            _page.Blocks.Add(list);
        }
    }

    private void EndSection(OpenXmlElement? sectPr, bool last)
    {
        FlushList();
        FlushCaption();
        foreach (var note in _notes.TakeFootnotes().Concat(last ? _notes.TakeEndnotes() : []))
        {
            _page.Blocks.Add(OfficeBlocks.Text(BlockType.Text, note));
        }
        var size = sectPr?.Child("pgSz");
        // Twentieths of a point; US Letter when the section says nothing.
        var width = double.TryParse(size?.Attr("w"), out var w) ? w / 20 : 612;
        var height = double.TryParse(size?.Attr("h"), out var h) ? h / 20 : 792;
        var page = new OfficePage(_pages.Count, width, height);
        page.Blocks.AddRange(_page.Blocks);
        page.Images.AddRange(_page.Images);
        Furniture(sectPr ?? _lastSectionProperties, page);
        _lastSectionProperties = sectPr ?? _lastSectionProperties;
        // A trailing empty section (a document ending in a section break) is no page.
        if (page.Blocks.Count > 0 || _pages.Count == 0 || !last)
        {
            _pages.Add(page);
        }
        _page = new OfficePage(_pages.Count, 0, 0);
    }

    /// <summary>The section's headers and footers (default ones first) as furniture; bare page numbers are left out, as MinerU does.</summary>
    private void Furniture(OpenXmlElement? sectPr, OfficePage page)
    {
        if (sectPr is null)
        {
            return;
        }
        var seen = new HashSet<string>();
        foreach (var reference in sectPr.Children("headerReference").Concat(sectPr.Children("footerReference")).OrderBy(r => r.Attr("type") == "default" ? 0 : 1))
        {
            if (reference.RelId("id") is not { } id || !_main.TryGetPartById(id, out var part) || part.RootElement is not { } root)
            {
                continue;
            }
            var inline = new DocxInline(part, _notes);
            var text = string.Join(" ", root.ContentDescendants().Where(e => e.LocalName == "p").Select(p => inline.Read(p).Text.Text).Where(t => t.Length > 0));
            if (text.Length == 0 || text.All(char.IsDigit) || !seen.Add(text))
            {
                continue;
            }
            var type = reference.LocalName == "headerReference" ? BlockType.Header : BlockType.Footer;
            page.Discarded.Add(OfficeBlocks.Text(type, text));
        }
    }

    private (byte[] Data, string Extension)? ImageData(string id)
    {
        if (!_main.TryGetPartById(id, out var part) || part is not ImagePart image || OfficeBlocks.ImageExtension(image.ContentType) is not { } extension)
        {
            return null; // linked (external) pictures, and metafiles (EMF/WMF) a Markdown viewer cannot show
        }
        using var stream = image.GetStream();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return (copy.ToArray(), extension);
    }

    /// <summary>"Figure 3:", "Table 2.", "Fig. 1 –": a caption even without Word's Caption style.</summary>
    [GeneratedRegex(@"^(Figure|Fig\.|Table|Chart|Image)\s+\d+(\.\d+)*\s*[:.–—-]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CaptionPattern();
}
