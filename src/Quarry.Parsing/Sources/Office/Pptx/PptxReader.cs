using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using Quarry.Core.Model;

namespace Quarry.Parsing.Sources.Office.Pptx;

/// <summary>
/// A presentation, one page per slide in show order (hidden slides included, as they are in the file). The
/// title placeholder is the page's title; the other shapes follow in reading order (top to bottom, then left
/// to right, by their offsets, placeholders placed where their layout puts them): text as paragraphs and
/// bulleted or numbered lists, tables, pictures, charts as their data table under the chart's title.
/// Speaker notes are kept as an aside (furniture: in the JSON, not in the Markdown).
/// </summary>
internal static class PptxReader
{
    private const double EmuPerPoint = 12700;

    public static List<OfficePage> Read(PresentationDocument document, CancellationToken ct)
    {
        var presentationPart = document.PresentationPart ?? throw new OpenXmlPackageException("the package has no presentation part");
        var root = presentationPart.Presentation;
        var size = root?.Child("sldSz");
        var width = (double.TryParse(size?.Attr("cx"), out var cx) ? cx : 9144000) / EmuPerPoint;
        var height = (double.TryParse(size?.Attr("cy"), out var cy) ? cy : 6858000) / EmuPerPoint;
        var pages = new List<OfficePage>();
        foreach (var slideId in root?.Child("sldIdLst")?.Children("sldId") ?? [])
        {
            ct.ThrowIfCancellationRequested();
            if (slideId.RelId("id") is not { } id || !presentationPart.TryGetPartById(id, out var part) || part is not SlidePart slide)
            {
                continue;
            }
            var page = new OfficePage(pages.Count, width, height);
            Slide(slide, page, height);
            pages.Add(page);
        }
        return pages;
    }

    private static void Slide(SlidePart slide, OfficePage page, double slideHeight)
    {
        var tree = slide.Slide?.Child("cSld")?.Child("spTree");
        if (tree is null)
        {
            return;
        }
        var placements = new Placeholders(slide);
        var shapes = SlideShapes.Collect(tree, placements);
        // Rows a fiftieth of the slide tall: shapes whose tops nearly align read left to right.
        var band = slideHeight * EmuPerPoint / 50;
        var ordered = shapes
            .OrderBy(s => s.IsTitle ? 0 : 1)
            .ThenBy(s => Math.Round(s.Y / band))
            .ThenBy(s => s.X)
            .ToList();
        var text = new SlideText(slide);
        foreach (var shape in ordered)
        {
            switch (shape.Element.LocalName)
            {
                case "sp":
                    text.Shape(shape, page);
                    break;
                case "pic":
                    if (shape.Element.ContentDescendants().FirstOrDefault(d => d.LocalName == "blip")?.RelId("embed") is { } embed && Image(slide, embed) is { } image)
                    {
                        page.Blocks.Add(page.Image(image.Data, image.Extension));
                    }
                    break;
                case "graphicFrame":
                    GraphicFrame(slide, shape.Element, text, page);
                    break;
                default:
                    break;
            }
        }
        if (slide.NotesSlidePart?.NotesSlide?.Child("cSld")?.Child("spTree") is { } notes)
        {
            var notesText = new SlideText(slide.NotesSlidePart);
            var body = string.Join("\n", notes.ContentDescendants()
                .Where(e => e.LocalName == "sp" && SlideShapes.PlaceholderType(e) == "body")
                .SelectMany(e => notesText.Paragraphs(e))
                .Where(t => t.Length > 0));
            if (body.Length > 0)
            {
                page.Discarded.Add(OfficeBlocks.Text(BlockType.AsideText, body));
            }
        }
    }

    private static void GraphicFrame(SlidePart slide, OpenXmlElement frame, SlideText text, OfficePage page)
    {
        var data = frame.ContentDescendants().FirstOrDefault(d => d.LocalName == "graphicData");
        if (data?.Child("tbl") is { } table)
        {
            page.Blocks.Add(OfficeBlocks.Table(SlideTable.Html(table, text)));
        }
        else if (data?.Child("chart") is { } chart && chart.RelId("id") is { } id && slide.TryGetPartById(id, out var part) && part is ChartPart chartPart)
        {
            if (ChartTable.Read(chartPart) is { } block)
            {
                page.Blocks.Add(block);
            }
        }
    }

    private static (byte[] Data, string Extension)? Image(OpenXmlPart owner, string id)
    {
        if (!owner.TryGetPartById(id, out var part) || part is not ImagePart image || OfficeBlocks.ImageExtension(image.ContentType) is not { } extension)
        {
            return null;
        }
        using var stream = image.GetStream();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return (copy.ToArray(), extension);
    }
}
