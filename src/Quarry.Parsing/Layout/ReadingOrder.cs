using Quarry.Core.Model;

namespace Quarry.Parsing.Layout;

/// <summary>
/// Orders blocks by recursive XY-cut: split into columns where a vertical strip of white space crosses the
/// whole region, else into bands at horizontal white space. Adjacent bands that share a column gutter are
/// merged first, so paragraph gaps that happen to line up across two columns do not interleave them.
/// A right-to-left page reads its columns, and blocks side by side, from right to left.
/// </summary>
public static class ReadingOrder
{
    // OCR boxes overshoot the glyphs by a point or two, which narrows a 10 pt gutter to ~3 pt.
    private const double MinColumnGap = 2.5;

    public static List<T> Sort<T>(IReadOnlyList<T> items, Func<T, BoundingBox> box, bool rightToLeft = false)
    {
        var result = new List<T>(items.Count);
        Order(items.ToList(), box, result, depth: 0, rightToLeft);
        return result;
    }

    private static void Order<T>(List<T> items, Func<T, BoundingBox> box, List<T> output, int depth, bool rtl)
    {
        if (items.Count <= 1 || depth > 64)
        {
            output.AddRange(TopDown(items, box, rtl));
            return;
        }
        var columns = Split(items, box, vertical: true, MinColumnGap);
        if (columns.Count > 1)
        {
            if (rtl)
            {
                columns.Reverse();
            }
            foreach (var c in columns)
            {
                Order(c, box, output, depth + 1, rtl);
            }
            return;
        }
        var bands = Split(items, box, vertical: false, 0.5);
        if (bands.Count > 1)
        {
            var merged = MergeColumnBands(bands, box);
            if (merged.Count > 1)
            {
                foreach (var b in merged)
                {
                    Order(b, box, output, depth + 1, rtl);
                }
                return;
            }
        }
        output.AddRange(TopDown(items, box, rtl));
    }

    // Top to bottom; blocks on one level from the side the page's lines start on.
    private static IEnumerable<T> TopDown<T>(List<T> items, Func<T, BoundingBox> box, bool rtl) =>
        rtl ? items.OrderBy(i => box(i).Y0).ThenByDescending(i => box(i).X1) : items.OrderBy(i => box(i).Y0).ThenBy(i => box(i).X0);

    /// <summary>
    /// Merges each band into the group above when one of them is already split into columns and the two
    /// together still are: a band that holds only one column's heading (the other column has white space
    /// there) joins its neighbours, while two single-column bands (a heading beside a centred table) do not.
    /// </summary>
    private static List<List<T>> MergeColumnBands<T>(List<List<T>> bands, Func<T, BoundingBox> box)
    {
        var result = new List<List<T>> { bands[0] };
        for (var i = 1; i < bands.Count; i++)
        {
            var union = result[^1].Concat(bands[i]).ToList();
            var eitherColumned = Gaps(result[^1], box).Count > 0 || Gaps(bands[i], box).Count > 0;
            if (eitherColumned && Gaps(union, box).Count > 0)
            {
                result[^1] = union;
            }
            else
            {
                result.Add(bands[i]);
            }
        }
        return result;
    }

    private static List<(double Lo, double Hi)> Gaps<T>(List<T> items, Func<T, BoundingBox> box)
    {
        var spans = items.Select(i => (Lo: box(i).X0, Hi: box(i).X1)).OrderBy(s => s.Lo).ToList();
        var gaps = new List<(double, double)>();
        var reach = spans[0].Hi;
        foreach (var s in spans.Skip(1))
        {
            if (s.Lo - reach >= MinColumnGap)
            {
                gaps.Add((reach, s.Lo));
            }
            reach = Math.Max(reach, s.Hi);
        }
        return gaps;
    }

    /// <summary>Splits items at white space along one axis (vertical = columns left to right; else bands top to bottom).</summary>
    private static List<List<T>> Split<T>(List<T> items, Func<T, BoundingBox> box, bool vertical, double minGap)
    {
        var sorted = items.OrderBy(i => vertical ? box(i).X0 : box(i).Y0).ToList();
        var groups = new List<List<T>> { new() { sorted[0] } };
        var reach = vertical ? box(sorted[0]).X1 : box(sorted[0]).Y1;
        foreach (var item in sorted.Skip(1))
        {
            var b = box(item);
            var lo = vertical ? b.X0 : b.Y0;
            if (lo - reach >= minGap)
            {
                groups.Add([]);
            }
            groups[^1].Add(item);
            reach = Math.Max(reach, vertical ? b.X1 : b.Y1);
        }
        return groups;
    }
}
