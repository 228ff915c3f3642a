using Quarry.Core.Model;
using Quarry.Parsing.Layout.Tables;
using Quarry.Parsing.Readers;

namespace Quarry.Parsing.Layout;

/// <summary>A table found on a page: its region, cells, and the words it took from the text flow.</summary>
public sealed record DetectedTable(BoundingBox Box, TableData Data, IReadOnlySet<Word> Words);

/// <summary>
/// Finds tables bounded by horizontal rules (booktabs/pandoc style: top, mid, bottom rule) or by a full grid.
/// Rows come from baselines (or from the rules between them in a grid); columns from vertical rules when
/// the table has them, otherwise from how the words of the body rows line up.
/// </summary>
public static class TableDetector
{
    public static List<DetectedTable> Detect(IReadOnlyList<Ruling> drawn, IReadOnlyList<Word> words)
    {
        var rulings = RulingJoiner.Join(drawn);
        var tables = Ruled(rulings, words);
        // What no rule bounds may still be a table by its alignment alone.
        var taken = tables.SelectMany(t => t.Words).ToHashSet();
        var free = taken.Count == 0 ? words : words.Where(w => !taken.Contains(w)).ToList();
        tables.AddRange(StreamTables.Detect(free, [.. rulings.Where(r => r.Horizontal)]));
        return [.. tables.OrderBy(t => t.Box.Y0)];
    }

    private static List<DetectedTable> Ruled(List<Ruling> rulings, IReadOnlyList<Word> words)
    {
        var candidates = new List<(DetectedTable Table, int Rules)>();
        var horizontals = rulings.Where(r => r.Horizontal).OrderBy(r => r.Box.Y0).ToList();
        if (horizontals.Count == 0 || words.Count == 0)
        {
            return [];
        }
        var pageRows = RowGrouper.Group(words);
        var verticals = rulings.Where(r => !r.Horizontal).Select(r => r.Box).ToList();
        var bounding = horizontals.Where(h => horizontals.Any(o => o != h && SameSpan(h.Box, o.Box))).ToList();
        var used = new bool[horizontals.Count];
        for (var i = 0; i < horizontals.Count; i++)
        {
            if (used[i])
            {
                continue;
            }
            var stack = new List<Ruling> { horizontals[i] };
            used[i] = true;
            for (var j = i + 1; j < horizontals.Count; j++)
            {
                if (used[j] || !SameSpan(horizontals[i].Box, horizontals[j].Box))
                {
                    continue;
                }
                if (SpillsOut(words, stack[^1].Box, horizontals[j].Box) || LeavesGrid(verticals, stack[^1].Box, horizontals[j].Box))
                {
                    break;
                }
                stack.Add(horizontals[j]);
                used[j] = true;
            }
            var span = new BoundingBox(stack.Min(r => r.Box.X0), stack[0].Box.Y0, stack.Max(r => r.Box.X1), stack[^1].Box.Y1);
            // A table broken by a page ends (or starts) without its closing (opening) rule: take the
            // tabular rows that run on past the outermost rule.
            var below = TabularRun(pageRows, span, NextRule(bounding, span, downward: true), downward: true);
            var above = TabularRun(pageRows, span, NextRule(bounding, span, downward: false), downward: false);
            if (stack.Count == 1 && below.Rows < 2 && above.Rows < 2)
            {
                continue;
            }
            var region = new BoundingBox(span.X0 - 2, above.Edge, span.X1 + 2, below.Edge);
            if (Build(stack, region, rulings, words) is { } table)
            {
                candidates.Add((table, stack.Count));
            }
        }
        // Where two candidates overlap, the one drawn with more rules is the table (a few shaded bands
        // above a striped list are page furniture, not the list's own rules).
        var tables = new List<DetectedTable>();
        foreach (var (table, _) in candidates.OrderByDescending(c => c.Rules))
        {
            if (!tables.Any(t => t.Box.VerticalOverlap(table.Box) > 0 && t.Box.HorizontalOverlap(table.Box) > 0))
            {
                tables.Add(table);
            }
        }
        return [.. tables.OrderBy(t => t.Box.Y0)];
    }

    /// <summary>
    /// The edge of the nearest rule beyond the stack that bounds something else (it has a rule of the same
    /// span): a run of tabular rows past the outermost rule stops there, as those rows belong to that.
    /// </summary>
    private static double NextRule(List<Ruling> horizontals, BoundingBox span, bool downward)
    {
        var limit = downward ? double.MaxValue : double.MinValue;
        foreach (var h in horizontals)
        {
            if (h.Box.HorizontalOverlap(span) <= 0)
            {
                continue;
            }
            if (downward && h.Box.CenterY > span.Y1 + 1)
            {
                limit = Math.Min(limit, h.Box.Y0);
            }
            else if (!downward && h.Box.CenterY < span.Y0 - 1)
            {
                limit = Math.Max(limit, h.Box.Y1);
            }
        }
        return limit;
    }

    /// <summary>
    /// How many rows, going away from the rules, look like table rows (two or more cells, inside the rules'
    /// span), and the outer edge they reach (the rule itself when none do).
    /// </summary>
    private static (int Rows, double Edge) TabularRun(List<List<Word>> rows, BoundingBox span, double limit, bool downward)
    {
        var candidates = downward
            ? rows.Where(r => r[0].Box.CenterY > span.Y1 && r[0].Box.CenterY < limit).OrderBy(r => r[0].Box.CenterY)
            : rows.Where(r => r[0].Box.CenterY < span.Y0 && r[0].Box.CenterY > limit).OrderByDescending(r => r[0].Box.CenterY);
        var count = 0;
        var edge = downward ? span.Y1 : span.Y0;
        foreach (var row in candidates)
        {
            var inSpan = row.Where(w => w.Box.X1 > span.X0 && w.Box.X0 < span.X1).ToList();
            if (inSpan.Count == 0)
            {
                continue; // another column's text
            }
            var top = inSpan.Min(w => w.Box.Y0);
            var bottom = inSpan.Max(w => w.Box.Y1);
            var gap = downward ? top - edge : edge - bottom;
            if (gap > 1.2 * (bottom - top) || inSpan.Any(w => w.Box.X0 < span.X0 - 6 || w.Box.X1 > span.X1 + 6) || RowCells.Chunks(inSpan).Count < 2)
            {
                break;
            }
            count++;
            edge = downward ? bottom : top;
        }
        return count == 0 ? (0, edge) : (count, downward ? edge + 1 : edge - 1);
    }

    private static bool SameSpan(BoundingBox a, BoundingBox b) =>
        Math.Abs(a.X0 - b.X0) <= 4 && Math.Abs(a.X1 - b.X1) <= 4
        || (Math.Abs(a.X0 - b.X0) <= 4 || Math.Abs(a.X1 - b.X1) <= 4) && a.HorizontalOverlap(b) > 0.5 * Math.Max(a.Width, b.Width);

    /// <summary>
    /// A grid (vertical rules standing on the upper rule, or ending below it well short of the lower one:
    /// a last row left without its bottom rule) whose verticals do not go on down to the lower rule has
    /// ended there: two ruled tables one above the other, with text between them, are two tables.
    /// When the grid has a frame (verticals at the rule's ends), the frame decides: inner verticals stop at
    /// every row that spans the table, and a stray inner piece may run on past the grid's bottom.
    /// </summary>
    private static bool LeavesGrid(List<BoundingBox> verticals, BoundingBox upper, BoundingBox lower)
    {
        bool grid = false, goesOn = false, frameStops = false, frameGoesOn = false;
        foreach (var v in verticals)
        {
            if (v.CenterX < upper.X0 - 2 || v.CenterX > upper.X1 + 2)
            {
                continue;
            }
            var frame = Math.Abs(v.CenterX - upper.X0) <= 3 || Math.Abs(v.CenterX - upper.X1) <= 3;
            if (v.Y0 <= upper.CenterY + 2 && v.Y1 >= lower.CenterY - 2)
            {
                goesOn = true;
                frameGoesOn |= frame;
            }
            else if (Math.Abs(v.Y1 - upper.CenterY) <= 2
                     || (v.Y0 <= upper.CenterY + 2 && v.Y1 > upper.CenterY + 2 && v.Y1 < lower.CenterY - 6))
            {
                // Stops on the upper rule, or runs on past it and ends well short of the lower one: a grid
                // whose last row has no bottom rule.
                grid = true;
                frameStops |= frame;
            }
        }
        return frameStops || frameGoesOn ? frameStops && !frameGoesOn : grid && !goesOn;
    }

    // Words between two rules that reach well past them belong to body text, so the rules are two tables.
    private static bool SpillsOut(IReadOnlyList<Word> words, BoundingBox upper, BoundingBox lower)
    {
        var x0 = Math.Min(upper.X0, lower.X0) - 6;
        var x1 = Math.Max(upper.X1, lower.X1) + 6;
        var count = 0;
        foreach (var w in words)
        {
            if (w.Box.CenterY > upper.Y1 && w.Box.CenterY < lower.Y0 && (w.Box.X0 < x0 || w.Box.X1 > x1)
                && w.Box.HorizontalOverlap(new BoundingBox(x0, 0, x1, 1)) > 0)
            {
                if (++count >= 2)
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static DetectedTable? Build(List<Ruling> stack, BoundingBox region, IReadOnlyList<Ruling> rulings, IReadOnlyList<Word> words)
    {
        var inside = words.Where(w => region.Contains(new BoundingBox(w.Box.CenterX, w.Box.CenterY, w.Box.CenterX, w.Box.CenterY))).ToList();
        if (inside.Count < 2)
        {
            return null;
        }
        var rows = RowGrouper.Group(inside);
        var innerRules = stack.Select(r => r.Box.CenterY).Where(y => y > region.Y0 + 3 && y < region.Y1 - 3).ToList();
        if (rows.Count < 2)
        {
            return null;
        }
        var verticals = ColumnRules(rulings, region, stack, rows);
        var columns = verticals.Count >= 2 ? ColumnsFromRules(verticals, region) : [];
        if (columns.Count < 2)
        {
            columns = ColumnsFromAlignment(rows); // only a frame drawn around the table
        }
        if (columns.Count < 2)
        {
            return null;
        }
        var lineCells = rows.Select(r => RowCells.Fill(r, columns)).ToList();
        if (innerRules.Count >= 2)
        {
            (rows, lineCells) = RecordBands.Merge(rows, lineCells, innerRules);
        }
        if (rows.Count < 2)
        {
            return null;
        }
        var cells = RowCells.DropEmptyColumns(lineCells);
        if (cells[0].Count < 2)
        {
            return null;
        }
        // A part with no rule above its first row continues a table from the previous page: no header.
        var opensWithRule = stack[0].Box.Y1 <= rows[0].Min(w => w.Box.Y0) + 1;
        var headerRows = opensWithRule ? 1 : 0;
        if (!opensWithRule && stack.Count == 1)
        {
            // A lone rule with rows on both sides is the line under a header: the rows above it are the header.
            var aboveRule = rows.Count(r => r.Average(w => w.Box.CenterY) < stack[0].Box.CenterY);
            headerRows = aboveRule <= 2 && aboveRule < rows.Count - 1 ? aboveRule : 0;
        }
        if (opensWithRule && innerRules.Count > 0)
        {
            var firstRule = innerRules[0];
            var above = rows.Count(r => r.Average(w => w.Box.CenterY) < firstRule);
            if (above >= 1 && above < rows.Count)
            {
                headerRows = above;
            }
        }
        return new DetectedTable(region, new TableData(cells, headerRows), inside.ToHashSet());
    }

    /// <summary>
    /// The x of each vertical rule that divides the table: pieces at one x that together cover most of its
    /// height. An inner rule is broken wherever a cell spans it (a section row across the table), so its
    /// pieces count together rather than each on its own. A shorter piece standing between two of the
    /// table's rules divides it too when hardly a row crosses its x (one in eight may: a note or section
    /// label spanning the columns): a grid drawn over the header only, its columns running on below
    /// without rules.
    /// </summary>
    private static List<double> ColumnRules(IReadOnlyList<Ruling> rulings, BoundingBox region, List<Ruling> stack, List<List<Word>> rows)
    {
        var pieces = rulings.Where(r => !r.Horizontal && r.Box.CenterX >= region.X0 - 2 && r.Box.CenterX <= region.X1 + 2
            && r.Box.Y1 > region.Y0 && r.Box.Y0 < region.Y1).OrderBy(r => r.Box.CenterX).ToList();
        var xs = new List<double>();
        var i = 0;
        while (i < pieces.Count)
        {
            var j = i;
            var covered = 0.0;
            while (j < pieces.Count && pieces[j].Box.CenterX - pieces[i].Box.CenterX <= 2)
            {
                covered += Math.Min(pieces[j].Box.Y1, region.Y1) - Math.Max(pieces[j].Box.Y0, region.Y0);
                j++;
            }
            var x = pieces[i].Box.CenterX;
            if (covered >= 0.6 * region.Height
                || pieces.Skip(i).Take(j - i).Any(p => SpansBetweenRules(p.Box, stack)) && rows.Count(r => r.Any(w => w.Box.X0 < x - 1 && w.Box.X1 > x + 1)) <= rows.Count / 8)
            {
                xs.Add(x);
            }
            i = j;
        }
        return xs;
    }

    private static bool SpansBetweenRules(BoundingBox v, List<Ruling> stack) =>
        v.Height > 4
        && stack.Any(h => Math.Abs(h.Box.CenterY - v.Y0) <= 2 && v.CenterX >= h.Box.X0 - 2 && v.CenterX <= h.Box.X1 + 2)
        && stack.Any(h => Math.Abs(h.Box.CenterY - v.Y1) <= 2 && v.CenterX >= h.Box.X0 - 2 && v.CenterX <= h.Box.X1 + 2);

    private static List<(double Lo, double Hi)> ColumnsFromRules(List<double> xs, BoundingBox region)
    {
        var edges = xs.Append(region.X0).Append(region.X1).OrderBy(x => x).ToList();
        var columns = new List<(double, double)>();
        for (var i = 0; i + 1 < edges.Count; i++)
        {
            if (edges[i + 1] - edges[i] > 4)
            {
                columns.Add((edges[i], edges[i + 1]));
            }
        }
        return columns;
    }

    /// <summary>Columns are the union of the x-extents of word runs in the body rows (the header may span).</summary>
    private static List<(double Lo, double Hi)> ColumnsFromAlignment(List<List<Word>> rows)
    {
        var sample = rows.Count > 2 ? rows.Skip(1) : rows;
        var chunks = sample.SelectMany(RowCells.Chunks).Select(c => (c.Lo, c.Hi)).OrderBy(c => c.Lo).ToList();
        var columns = new List<(double Lo, double Hi)>();
        foreach (var c in chunks)
        {
            if (columns.Count > 0 && c.Lo <= columns[^1].Hi)
            {
                columns[^1] = (columns[^1].Lo, Math.Max(columns[^1].Hi, c.Hi));
            }
            else
            {
                columns.Add(c);
            }
        }
        return columns;
    }
}
