using Quarry.Core.Model;

namespace Quarry.ModelStandIn;

/// <summary>
/// A parsed page as MinerU2.5-2509's layout step would list it: its labels, in reading order (page header
/// first, body, then the page's bottom furniture), captions beside what they caption, a list as its
/// <c>list</c> box followed by one <c>text</c> box per item (the client reads the items, never the container).
/// </summary>
internal static class MineruLayout
{
    public static List<KnownBlock> Blocks(PageResult page, TruthAnswers truth)
    {
        var result = new List<KnownBlock>();
        void Add(string label, BoundingBox box, string answer)
        {
            var permille = box.ToPermille(page.Width, page.Height);
            if (permille[2] > permille[0] && permille[3] > permille[1])
            {
                result.Add(new KnownBlock(label, box, permille, answer));
            }
        }

        var furniture = page.Discarded.Concat(page.Blocks.Where(b => b.Type.IsFurniture())).OrderBy(b => b.BoundingBox.Y0).ToList();
        foreach (var b in furniture.Where(b => b.Type == BlockType.Header))
        {
            Add("header", b.BoundingBox, b.Text);
        }
        foreach (var b in page.Blocks.Where(b => !b.Type.IsFurniture()))
        {
            switch (b.Type)
            {
                case BlockType.Table:
                    AddWithCaptions(b, "table", "table_caption", truth.Table(b), Add);
                    break;
                case BlockType.Image:
                    AddWithCaptions(b, "image", "image_caption", "", Add);
                    break;
                case BlockType.Equation:
                    Add("equation", b.BoundingBox, truth.Equation(b));
                    break;
                case BlockType.List:
                    Add("list", b.BoundingBox, "");
                    foreach (var (box, text) in ListItems(b))
                    {
                        Add("text", box, text);
                    }
                    break;
                default:
                    Add(Label(b.Type), b.BoundingBox, b.Text);
                    break;
            }
        }
        foreach (var b in furniture.Where(b => b.Type != BlockType.Header))
        {
            Add(Label(b.Type), b.BoundingBox, b.Text);
        }
        return result;
    }

    private static string Label(BlockType type) => type switch
    {
        BlockType.Title => "title",
        BlockType.Code => "code",
        BlockType.Header => "header",
        BlockType.Footer => "footer",
        BlockType.PageNumber => "page_number",
        BlockType.AsideText => "aside_text",
        BlockType.PageFootnote => "page_footnote",
        _ => "text",
    };

    /// <summary>Captions above the block come before it, those below after it.</summary>
    private static void AddWithCaptions(Block b, string label, string captionLabel, string answer, Action<string, BoundingBox, string> add)
    {
        var captions = b.Captions.Zip(b.CaptionBoxes).ToList();
        foreach (var (text, box) in captions.Where(c => c.Second.CenterY < b.BoundingBox.CenterY))
        {
            add(captionLabel, box, text);
        }
        add(label, b.BoundingBox, answer);
        foreach (var (text, box) in captions.Where(c => c.Second.CenterY >= b.BoundingBox.CenterY))
        {
            add(captionLabel, box, text);
        }
    }

    /// <summary>Each item's box is the union of its lines; without line starts the list is one text box.</summary>
    private static IEnumerable<(BoundingBox Box, string Text)> ListItems(Block list)
    {
        var starts = list.ListItemLineStarts;
        if (starts.Count != list.ListItems.Count || starts.Count == 0 || list.Lines.Count == 0)
        {
            yield return (list.BoundingBox, list.Text);
            yield break;
        }
        for (var i = 0; i < starts.Count; i++)
        {
            var end = i + 1 < starts.Count ? starts[i + 1] : list.Lines.Count;
            var lines = list.Lines.Skip(starts[i]).Take(Math.Max(0, end - starts[i])).ToList();
            if (lines.Count > 0)
            {
                yield return (BoundingBox.UnionAll(lines.Select(l => l.BoundingBox)), list.ListItems[i]);
            }
        }
    }
}
