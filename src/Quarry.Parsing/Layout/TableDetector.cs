using System.Net;
using System.Text;
using Quarry.Core.Model;
using Quarry.Parsing.Pages;

namespace Quarry.Parsing.Layout;

/// <summary>A table found on a page: its region, cells (first row(s) the header) and the words it took.</summary>
public sealed record DetectedTable(BoundingBox Box, IReadOnlyList<IReadOnlyList<string>> Rows, int HeaderRows, IReadOnlySet<Word> Words)
{
    public string ToHtml()
    {
        var sb = new StringBuilder("<table>");
        for (var r = 0; r < Rows.Count; r++)
        {
            if (r == 0 && HeaderRows > 0)
            {
                sb.Append("<thead>");
            }
            if (r == HeaderRows)
            {
                sb.Append("<tbody>");
            }
            var tag = r < HeaderRows ? "th" : "td";
            sb.Append("<tr>");
            foreach (var cell in Rows[r])
            {
                sb.Append('<').Append(tag).Append('>').Append(WebUtility.HtmlEncode(cell)).Append("</").Append(tag).Append('>');
            }
            sb.Append("</tr>");
            if (r == HeaderRows - 1)
            {
                sb.Append("</thead>");
            }
        }
        if (Rows.Count > HeaderRows)
        {
            sb.Append("</tbody>");
        }
        return sb.Append("</table>").ToString();
    }
}

/// <summary>
/// Finds tables bounded by horizontal rules (booktabs/pandoc style: top, mid, bottom rule) or by a full grid.
/// Rows come from baselines (or from the rules between them in a grid); columns from vertical rules when
/// the table has them, otherwise from how the words of the body rows line up.
/// </summary>
public static class TableDetector
{
    public static List<DetectedTable> Detect(IReadOnlyList<Ruling> rulings, IReadOnlyList<Word> words)
    {
        var tables = new List<DetectedTable>();
        var horizontals = rulings.Where(r => r.Horizontal).OrderBy(r => r.Box.Y0).ToList();
        if (horizontals.Count < 2 || words.Count == 0)
        {
            return tables;
        }
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
                if (SpillsOut(words, stack[^1].Box, horizontals[j].Box))
                {
                    break;
                }
                stack.Add(horizontals[j]);
                used[j] = true;
            }
            if (stack.Count >= 2 && Build(stack, rulings, words) is { } table)
            {
                tables.Add(table);
            }
        }
        return tables;
    }

    private static bool SameSpan(BoundingBox a, BoundingBox b) =>
        Math.Abs(a.X0 - b.X0) <= 4 && Math.Abs(a.X1 - b.X1) <= 4
        || (Math.Abs(a.X0 - b.X0) <= 4 || Math.Abs(a.X1 - b.X1) <= 4) && a.HorizontalOverlap(b) > 0.5 * Math.Max(a.Width, b.Width);

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

    private static DetectedTable? Build(List<Ruling> stack, IReadOnlyList<Ruling> rulings, IReadOnlyList<Word> words)
    {
        var top = stack[0].Box;
        var bottom = stack[^1].Box;
        var region = new BoundingBox(Math.Min(top.X0, bottom.X0) - 2, top.Y0, Math.Max(top.X1, bottom.X1) + 2, bottom.Y1);
        var inside = words.Where(w => region.Contains(new BoundingBox(w.Box.CenterX, w.Box.CenterY, w.Box.CenterX, w.Box.CenterY))).ToList();
        if (inside.Count < 2)
        {
            return null;
        }
        var rows = RowGrouper.Group(inside);
        var innerRules = stack.Skip(1).Take(stack.Count - 2).Select(r => r.Box.CenterY).ToList();
        if (innerRules.Count >= 2 && innerRules.Count >= rows.Count / 2)
        {
            rows = MergeRowsBetweenRules(rows, stack.Select(r => r.Box.CenterY).ToList());
        }
        if (rows.Count < 2)
        {
            return null;
        }
        var verticals = rulings.Where(r => !r.Horizontal && r.Box.Height >= 0.6 * region.Height
            && r.Box.CenterX >= region.X0 - 2 && r.Box.CenterX <= region.X1 + 2).Select(r => r.Box.CenterX).ToList();
        var columns = verticals.Count >= 2 ? ColumnsFromRules(verticals, region) : ColumnsFromAlignment(rows);
        if (columns.Count < 2)
        {
            return null;
        }
        var cells = rows.Select(r => Fill(r, columns)).ToList();
        var headerRows = 1;
        if (innerRules.Count > 0)
        {
            var firstRule = innerRules[0];
            var above = rows.Count(r => r.Average(w => w.Box.CenterY) < firstRule);
            if (above >= 1 && above < rows.Count)
            {
                headerRows = above;
            }
        }
        return new DetectedTable(region, cells, headerRows, inside.ToHashSet());
    }

    private static List<List<Word>> MergeRowsBetweenRules(List<List<Word>> rows, List<double> rules)
    {
        var merged = new List<List<Word>>();
        for (var i = 0; i + 1 < rules.Count; i++)
        {
            var band = rows.Where(r => r[0].Box.CenterY > rules[i] && r[0].Box.CenterY < rules[i + 1]).SelectMany(r => r).ToList();
            if (band.Count > 0)
            {
                merged.Add(band);
            }
        }
        return merged;
    }

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
        var chunks = sample.SelectMany(Chunks).OrderBy(c => c.Lo).ToList();
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

    // Words closer than 0.8 em belong to one cell.
    private static IEnumerable<(double Lo, double Hi)> Chunks(List<Word> row)
    {
        var lo = row[0].Box.X0;
        var hi = row[0].Box.X1;
        for (var i = 1; i < row.Count; i++)
        {
            if (row[i].Box.X0 - hi > 0.8 * row[i].FontSize)
            {
                yield return (lo, hi);
                lo = row[i].Box.X0;
            }
            hi = Math.Max(hi, row[i].Box.X1);
        }
        yield return (lo, hi);
    }

    private static List<string> Fill(List<Word> row, List<(double Lo, double Hi)> columns)
    {
        var cells = new List<string>[columns.Count];
        foreach (var w in row.OrderBy(w => w.Box.Y0 > row[0].Box.Y1 ? 1 : 0).ThenBy(w => w.Baseline).ThenBy(w => w.Box.X0))
        {
            var best = 0;
            var bestScore = double.MinValue;
            for (var c = 0; c < columns.Count; c++)
            {
                var overlap = Math.Min(w.Box.X1, columns[c].Hi) - Math.Max(w.Box.X0, columns[c].Lo);
                if (overlap > bestScore)
                {
                    bestScore = overlap;
                    best = c;
                }
            }
            (cells[best] ??= []).Add(w.Text);
        }
        return cells.Select(c => c is null ? "" : string.Join(' ', c)).ToList();
    }
}
