using Quarry.Core.Model;
using Quarry.Parsing.Layout.Tables;

namespace Quarry.Parsing.Layout;

/// <summary>
/// Binds "Figure N: …" / "Table N: …" paragraphs to the nearest figure or table directly above or below
/// them (horizontally overlapping, within a few lines, no other block between), removing them from the
/// text flow; then the notes right under a table ("Note: …", "Source: …", "* …", after a caption set
/// below it) become the table's footnotes.
/// </summary>
public static class CaptionBinder
{
    public static void Bind(List<Block> blocks)
    {
        var visuals = blocks.Where(b => b.Type is BlockType.Image or BlockType.Table).ToList();
        if (visuals.Count == 0)
        {
            return;
        }
        foreach (var caption in blocks.Where(IsCaption).ToList())
        {
            var wantTable = TableCaptionText.IsCaption(caption);
            var wantFigure = !wantTable && Patterns.FigureCaption().IsMatch(caption.Text);
            Block? best = null;
            var bestDistance = double.MaxValue;
            foreach (var v in visuals)
            {
                if ((wantTable && v.Type != BlockType.Table) || (wantFigure && v.Type != BlockType.Image))
                {
                    continue;
                }
                var distance = Gap(v.BoundingBox, caption.BoundingBox);
                if (v.BoundingBox.HorizontalOverlap(caption.BoundingBox) <= 0 || distance > Limit(caption) || distance >= bestDistance
                    || (v.Type == BlockType.Table && AnyBetween(blocks, v.BoundingBox, caption)))
                {
                    continue;
                }
                best = v;
                bestDistance = distance;
            }
            if (best is null)
            {
                continue;
            }
            // A caption under a table may hold the table's notes set tight below it.
            var (text, notes) = wantTable && caption.BoundingBox.Y0 >= best.BoundingBox.Y1
                ? TableCaptionText.SplitAtNotes(caption, caption.Text) : (caption.Text, []);
            best.Captions.Add(Patterns.UndoubleLabel(text));
            best.CaptionBoxes.Add(caption.BoundingBox);
            best.Footnotes.AddRange(notes);
            blocks.Remove(caption);
        }
        foreach (var table in visuals.Where(v => v.Type == BlockType.Table))
        {
            BindNotes(blocks, table);
        }
    }

    // A table caption must read as one (TableCaptionText); "Table 3. …" opening a long paragraph does not.
    private static bool IsCaption(Block b) =>
        b.Type == BlockType.Text && (Patterns.TableCaption().IsMatch(b.Text) ? TableCaptionText.IsCaption(b) : Patterns.Caption().IsMatch(b.Text) || TableCaptionText.IsCaption(b));

    /// <summary>Notes follow one another under the table (or under its caption set below it), each close under the last.</summary>
    private static void BindNotes(List<Block> blocks, Block table)
    {
        var bottom = table.CaptionBoxes.Where(c => c.Y0 >= table.BoundingBox.Y1).Aggregate(table.BoundingBox, (acc, c) => acc.Union(c));
        while (true)
        {
            var next = blocks.Where(b => b != table && b.BoundingBox.Y0 >= bottom.Y1 - 1 && b.BoundingBox.HorizontalOverlap(table.BoundingBox) > 0)
                .MinBy(b => b.BoundingBox.Y0);
            var notes = next is null ? [] : TableCaptionText.Notes(next);
            if (next is null || notes.Count == 0 || Gap(bottom, next.BoundingBox) > Limit(next))
            {
                return;
            }
            table.Footnotes.AddRange(notes);
            bottom = bottom.Union(next.BoundingBox);
            blocks.Remove(next);
        }
    }

    private static double Gap(BoundingBox a, BoundingBox b) => Math.Max(b.Y0 - a.Y1, a.Y0 - b.Y1);

    private static double Limit(Block b) => 4 * Math.Max(b.FontSize, 8);

    /// <summary>A block lying between the two vertically, across both: the caption is not adjacent.</summary>
    private static bool AnyBetween(List<Block> blocks, BoundingBox visual, Block caption)
    {
        var (top, bottom) = caption.BoundingBox.Y1 <= visual.Y0 ? (caption.BoundingBox.Y1, visual.Y0) : (visual.Y1, caption.BoundingBox.Y0);
        return blocks.Any(b => b != caption && !b.Type.IsFurniture() && b.BoundingBox.Y0 >= top - 1 && b.BoundingBox.Y1 <= bottom + 1
                               && b.BoundingBox.HorizontalOverlap(visual) > 0 && b.BoundingBox.HorizontalOverlap(caption.BoundingBox) > 0);
    }
}
