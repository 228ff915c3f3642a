using Quarry.Parsing.Readers;

namespace Quarry.Parsing.Layout;

/// <summary>A vertical strip of white space that separates text columns.</summary>
public readonly record struct Gutter(double X0, double X1)
{
    public double Center => (X0 + X1) / 2;
    public double Width => X1 - X0;
}

/// <summary>
/// Finds column gutters from how often each horizontal position is covered by a word, counted per row:
/// a gutter is a strip almost no row crosses, with well-used text on both sides. Full-width rows (titles,
/// abstracts) may cross it; that is why coverage is a share, not a zero.
/// </summary>
public static class ColumnGutters
{
    public static List<Gutter> Find(IReadOnlyList<List<Word>> rows, double pageWidth)
    {
        var gutters = new List<Gutter>();
        var bins = (int)Math.Ceiling(pageWidth) + 1;
        if (rows.Count < 6 || bins < 50)
        {
            return gutters;
        }
        var coverage = new int[bins];
        foreach (var row in rows)
        {
            foreach (var w in row)
            {
                var a = Math.Clamp((int)w.Box.X0, 0, bins - 1);
                var b = Math.Clamp((int)Math.Ceiling(w.Box.X1), 0, bins - 1);
                for (var i = a; i <= b; i++)
                {
                    coverage[i]++;
                }
            }
        }
        var peak = coverage.Max();
        if (peak < 6)
        {
            return gutters;
        }
        var low = Math.Max(1, peak * 0.12);
        var high = Math.Max(3, peak * 0.2);
        var lo = (int)(pageWidth * 0.15);
        var hi = (int)(pageWidth * 0.85);
        var start = -1;
        for (var i = lo; i <= hi + 1 && i < bins; i++)
        {
            var isLow = i <= hi && coverage[i] <= low;
            if (isLow && start < 0)
            {
                start = i;
            }
            else if (!isLow && start >= 0)
            {
                var end = i - 1;
                if (end - start + 1 >= 4 && Busy(coverage, start - 1, -1, high) && Busy(coverage, end + 1, 1, high))
                {
                    gutters.Add(new Gutter(start, end + 1));
                }
                start = -1;
            }
        }
        return gutters;
    }

    // Text must be dense within 40pt on this side of the strip, or it is just a ragged margin.
    private static bool Busy(int[] coverage, int from, int step, double high)
    {
        for (int i = from, n = 0; i >= 0 && i < coverage.Length && n < 40; i += step, n++)
        {
            if (coverage[i] >= high)
            {
                return true;
            }
        }
        return false;
    }
}
