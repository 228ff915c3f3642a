using Quarry.Core.Model;

namespace Quarry.Parsing.Layout;

/// <summary>Lines that belong together on the page (one paragraph, heading, list run or code listing), before typing.</summary>
public sealed class LineGroup
{
    private readonly List<TextLine> _lines = [];

    public LineGroup(TextLine first) => Add(first);

    public IReadOnlyList<TextLine> Lines => _lines;
    public BoundingBox Box { get; private set; }
    public TextLine Last => _lines[^1];
    public double FontSize => _lines.Average(l => l.FontSize);

    public void Add(TextLine line)
    {
        Box = _lines.Count == 0 ? line.Box : Box.Union(line.Box);
        _lines.Add(line);
    }
}

/// <summary>
/// Stacks lines into groups: a line joins the group right above it when they overlap horizontally, the
/// vertical gap is a normal line gap, and the style (size, bold, monospace) matches.
/// </summary>
public static class LineGrouper
{
    public static List<LineGroup> Group(IEnumerable<TextLine> lines)
    {
        var groups = new List<LineGroup>();
        foreach (var line in lines.OrderBy(l => l.Box.Y0).ThenBy(l => l.Box.X0))
        {
            LineGroup? best = null;
            var bestOverlap = 0.0;
            foreach (var g in groups)
            {
                var last = g.Last;
                var gap = line.Box.Y0 - last.Box.Y1;
                if (gap > 0.6 * Math.Max(line.FontSize, last.FontSize) || gap < -0.5 * line.Box.Height)
                {
                    continue;
                }
                var overlap = line.Box.HorizontalOverlap(g.Box);
                var minWidth = Math.Min(line.Box.Width, g.Box.Width);
                if (overlap < 0.3 * minWidth || !SameStyle(last, line))
                {
                    continue;
                }
                if (overlap > bestOverlap)
                {
                    best = g;
                    bestOverlap = overlap;
                }
            }
            if (best is null)
            {
                groups.Add(new LineGroup(line));
            }
            else
            {
                best.Add(line);
            }
        }
        return groups;
    }

    private static bool SameStyle(TextLine a, TextLine b) =>
        Math.Abs(a.FontSize - b.FontSize) <= 0.12 * Math.Max(a.FontSize, b.FontSize)
        && a.IsBold == b.IsBold
        && a.IsMono == b.IsMono;
}
