using Quarry.Core.Model;

namespace Quarry.Parsing.Layout;

/// <summary>
/// Binds "Figure N: …" / "Table N: …" paragraphs to the nearest figure or table above or below them
/// (horizontally overlapping, within a few lines), removing them from the text flow.
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
        foreach (var caption in blocks.Where(b => b.Type == BlockType.Text && Patterns.Caption().IsMatch(b.Text)).ToList())
        {
            var wantTable = Patterns.TableCaption().IsMatch(caption.Text);
            var wantFigure = Patterns.FigureCaption().IsMatch(caption.Text);
            Block? best = null;
            var bestDistance = double.MaxValue;
            foreach (var v in visuals)
            {
                if ((wantTable && v.Type != BlockType.Table) || (wantFigure && v.Type != BlockType.Image))
                {
                    continue;
                }
                if (v.BoundingBox.HorizontalOverlap(caption.BoundingBox) <= 0)
                {
                    continue;
                }
                var distance = Math.Max(caption.BoundingBox.Y0 - v.BoundingBox.Y1, v.BoundingBox.Y0 - caption.BoundingBox.Y1);
                var limit = 4 * Math.Max(caption.FontSize, 8);
                if (distance <= limit && distance < bestDistance)
                {
                    best = v;
                    bestDistance = distance;
                }
            }
            if (best is null)
            {
                continue;
            }
            best.Captions.Add(Patterns.UndoubleLabel(caption.Text));
            best.CaptionBoxes.Add(caption.BoundingBox);
            blocks.Remove(caption);
        }
    }
}
