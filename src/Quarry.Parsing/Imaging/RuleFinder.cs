namespace Quarry.Parsing.Imaging;

/// <summary>A straight dark line found on a page image, in its pixels (end-exclusive).</summary>
public readonly record struct ImageRule(int X0, int Y0, int X1, int Y1, bool Horizontal);

/// <summary>
/// Finds table rules on a (straightened) page image: dark runs far longer than any glyph, merged over the
/// few adjacent rows or columns a printed rule is thick. A scan has no drawing operators, so this is what
/// gives the table detector the rulings a born-digital page would carry.
/// </summary>
public static class RuleFinder
{
    /// <summary>Thickest line still taken as a rule (8 px is 1 mm at 200 dpi); anything thicker is a filled shape.</summary>
    private const int MaxThickness = 8;

    /// <summary>Holes in a run (speckle, blur, a scanner's dropout) bridged when no longer than this.</summary>
    private const int MaxHole = 2;

    public static List<ImageRule> Find(GrayImage image, int minLength)
    {
        var threshold = image.InkThreshold(0.5);
        var rules = Merge(Runs(image, threshold, minLength, horizontal: true), horizontal: true);
        rules.AddRange(Merge(Runs(image, threshold, minLength, horizontal: false), horizontal: false));
        return rules;
    }

    /// <summary>Long dark runs per row (or column) as (line, from, to).</summary>
    private static List<(int Line, int From, int To)> Runs(GrayImage image, double threshold, int minLength, bool horizontal)
    {
        var lines = horizontal ? image.Height : image.Width;
        var length = horizontal ? image.Width : image.Height;
        var runs = new List<(int, int, int)>();
        for (var l = 0; l < lines; l++)
        {
            int start = -1, lastDark = -1;
            for (var i = 0; i <= length; i++)
            {
                var dark = i < length && (horizontal ? image[i, l] : image[l, i]) < threshold;
                if (dark)
                {
                    if (start < 0 || i - lastDark - 1 > MaxHole)
                    {
                        if (start >= 0 && lastDark + 1 - start >= minLength)
                        {
                            runs.Add((l, start, lastDark + 1));
                        }
                        start = i;
                    }
                    lastDark = i;
                }
                else if (i == length && start >= 0 && lastDark + 1 - start >= minLength)
                {
                    runs.Add((l, start, lastDark + 1));
                }
            }
        }
        return runs;
    }

    /// <summary>Runs on adjacent lines that overlap along their length are one rule; too thick a stack is not a rule.</summary>
    private static List<ImageRule> Merge(List<(int Line, int From, int To)> runs, bool horizontal)
    {
        var open = new List<(int First, int Last, int From, int To)>();
        var done = new List<(int First, int Last, int From, int To)>();
        foreach (var run in runs.OrderBy(r => r.Line))
        {
            var k = open.FindIndex(o => o.Last >= run.Line - 1 && Math.Min(o.To, run.To) - Math.Max(o.From, run.From) > 0.5 * Math.Min(o.To - o.From, run.To - run.From));
            if (k >= 0)
            {
                var o = open[k];
                open[k] = (o.First, run.Line, Math.Min(o.From, run.From), Math.Max(o.To, run.To));
            }
            else
            {
                open.Add((run.Line, run.Line, run.From, run.To));
            }
            // Stacks no longer growing are finished.
            for (var i = open.Count - 1; i >= 0; i--)
            {
                if (open[i].Last < run.Line - 1)
                {
                    done.Add(open[i]);
                    open.RemoveAt(i);
                }
            }
        }
        done.AddRange(open);
        return done
            .Where(r => r.Last - r.First + 1 <= MaxThickness)
            .Select(r => horizontal
                ? new ImageRule(r.From, r.First, r.To, r.Last + 1, true)
                : new ImageRule(r.First, r.From, r.Last + 1, r.To, false))
            .ToList();
    }
}
