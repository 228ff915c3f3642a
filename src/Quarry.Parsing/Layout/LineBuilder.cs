using Quarry.Parsing.Readers;

namespace Quarry.Parsing.Layout;

/// <summary>Cuts each row into lines at column gutters and at wide gaps (left/right header parts, stray labels).</summary>
public static class LineBuilder
{
    private const double WideGapEm = 2.5;

    public static List<TextLine> Build(IReadOnlyList<List<Word>> rows, IReadOnlyList<Gutter> gutters)
    {
        var lines = new List<TextLine>(rows.Count + 8);
        foreach (var row in rows)
        {
            var current = new List<Word>();
            for (var i = 0; i < row.Count; i++)
            {
                if (current.Count > 0 && Splits(current[^1], row[i], gutters))
                {
                    lines.Add(new TextLine(current));
                    current = [];
                }
                current.Add(row[i]);
            }
            if (current.Count > 0)
            {
                lines.Add(new TextLine(current));
            }
        }
        return lines;
    }

    private static bool Splits(Word left, Word right, IReadOnlyList<Gutter> gutters)
    {
        var gapStart = left.Box.X1;
        var gapEnd = right.Box.X0;
        var gap = gapEnd - gapStart;
        if (gap > WideGapEm * Math.Max(left.FontSize, right.FontSize))
        {
            return true;
        }
        foreach (var g in gutters)
        {
            // The gap must hold most of the gutter: a word space that happens to sit on it does not.
            if (gapStart <= g.Center && gapEnd >= g.Center && gap >= 0.6 * g.Width)
            {
                return true;
            }
        }
        return false;
    }
}
