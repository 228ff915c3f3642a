using Quarry.Core.Model;
using Quarry.Parsing.Readers;

namespace Quarry.Parsing.Layout.Tables;

/// <summary>
/// Borderless ("stream") tables, found from text alignment alone: a run of consecutive rows that split into
/// short cells, whose cells leave at least two whitespace gutters no row crosses (three or more columns).
/// Columns come from the gutters, rows from baselines; a row with an empty first cell and few cells
/// continues the row above (a cell wrapped onto a second line).
/// Prose in columns, hanging-indent lists, dot-leader contents pages and equations are kept out by what
/// their rows look like: long runs of words, one gutter, leaders, math fonts.
/// </summary>
public static class StreamTables
{
    private const int MinRows = 3;
    private const int MinColumns = 3;
    private const int MaxWordsPerCell = 5;   // a table cell holds a few words per line; a prose line many
    private const double MaxMeanWords = 3;   // and on average very few

    /// <summary>Tables among <paramref name="words"/> (those no ruled table took); <paramref name="horizontals"/> mark header rules.</summary>
    public static List<DetectedTable> Detect(IReadOnlyList<Word> words, IReadOnlyList<Ruling> horizontals)
    {
        var tables = new List<DetectedTable>();
        if (words.Count < MinRows * MinColumns)
        {
            return tables;
        }
        var rows = RowGrouper.Group(words);
        var chunks = rows.Select(RowCells.Chunks).ToList();
        var i = 0;
        while (i < rows.Count)
        {
            if (!Tabular(rows[i], chunks[i]))
            {
                i++;
                continue;
            }
            var end = RunEnd(rows, chunks, i);
            foreach (var table in Build(rows, chunks, i, end, horizontals))
            {
                tables.Add(table);
                end = Math.Max(end, rows.FindLastIndex(r => r.Any(table.Words.Contains)));
            }
            i = end + 1;
        }
        return tables;
    }

    /// <summary>The last row of the run of tabular rows starting at <paramref name="start"/> (wrapped cell lines may sit between them).</summary>
    private static int RunEnd(List<List<Word>> rows, List<List<(int First, int Last, double Lo, double Hi)>> chunks, int start)
    {
        var left = chunks[start][0].Lo;
        var last = start;
        for (var k = start + 1; k < rows.Count; k++)
        {
            var size = Math.Max(rows[k - 1].Max(w => w.FontSize), rows[k].Max(w => w.FontSize));
            if (rows[k].Min(w => w.Box.Y0) - rows[k - 1].Max(w => w.Box.Y1) > 1.2 * size)
            {
                break; // a blank line or more: the table (or this part of the page) has ended
            }
            if (Tabular(rows[k], chunks[k]))
            {
                last = k;
                left = Math.Min(left, chunks[k][0].Lo);
                continue;
            }
            // One short chunk indented from the table's left edge: a cell's text wrapped onto another line.
            var wrapped = chunks[k].Count == 1 && rows[k].Count <= MaxWordsPerCell && chunks[k][0].Lo > left + rows[k][0].FontSize && k - last <= 2;
            if (!wrapped)
            {
                break;
            }
        }
        return last;
    }

    private static bool Tabular(List<Word> row, List<(int First, int Last, double Lo, double Hi)> chunks) =>
        chunks.Count >= 2
        && chunks.All(c => c.Last - c.First + 1 <= MaxWordsPerCell)
        && !row.Any(w => w.IsMath) && !HasLeader(row);

    // Dot leaders of a contents page or an index ("Introduction ........ 5"), one word or dot by dot.
    private static bool HasLeader(List<Word> row)
    {
        var dots = 0;
        foreach (var w in row)
        {
            if (w.Text.Contains("...", StringComparison.Ordinal) || w.Text.Contains('…', StringComparison.Ordinal))
            {
                return true;
            }
            dots = w.Text == "." ? dots + 1 : 0;
            if (dots >= 3)
            {
                return true;
            }
        }
        return false;
    }

    private static List<DetectedTable> Build(List<List<Word>> pageRows, List<List<(int First, int Last, double Lo, double Hi)>> pageChunks, int first, int last, IReadOnlyList<Ruling> horizontals)
    {
        var tabular = Enumerable.Range(first, last - first + 1).Where(k => pageChunks[k].Count >= 2).ToList();
        if (tabular.Count < MinRows)
        {
            return [];
        }
        var columns = Columns(tabular.Select(k => pageRows[k]).ToList());
        if (columns.Count < MinColumns)
        {
            return [];
        }
        var em = tabular.Select(k => pageRows[k][0].FontSize).Order().ElementAt(tabular.Count / 2);
        if (SideBySide(columns, em) is { } split)
        {
            // Each half is read on its own, as if the other were not there.
            var run = Enumerable.Range(first, last - first + 1).SelectMany(k => pageRows[k]).ToList();
            return [.. Detect(run.Where(w => w.Box.CenterX < split).ToList(), horizontals), .. Detect(run.Where(w => w.Box.CenterX >= split).ToList(), horizontals)];
        }
        return Build(pageRows, pageChunks, first, last, columns, horizontals) is { } table ? [table] : [];
    }

    /// <summary>
    /// Where two tables stand side by side with white space between: the x of a gutter at least twice as
    /// wide as any other (and two em or more) with the same number of columns, of about the same widths, on
    /// either side; null for one table.
    /// </summary>
    private static double? SideBySide(List<(double Lo, double Hi)> columns, double em)
    {
        if (columns.Count < 2 * MinColumns || columns.Count % 2 != 0)
        {
            return null;
        }
        var half = columns.Count / 2;
        var gutters = Enumerable.Range(0, columns.Count - 1).Select(c => columns[c + 1].Lo - columns[c].Hi).ToList();
        var middle = gutters[half - 1];
        var others = gutters.Where((_, c) => c != half - 1).Max();
        var left = columns[half - 1].Hi - columns[0].Lo;
        var right = columns[^1].Hi - columns[half].Lo;
        return middle >= 2 * others && middle >= 2 * em && Math.Abs(left - right) <= 0.25 * Math.Max(left, right)
            ? (columns[half - 1].Hi + columns[half].Lo) / 2
            : null;
    }

    private static DetectedTable? Build(List<List<Word>> pageRows, List<List<(int First, int Last, double Lo, double Hi)>> pageChunks, int first, int last, List<(double Lo, double Hi)> columns, IReadOnlyList<Ruling> horizontals)
    {
        // Rows just above or below whose words fall into the columns belong too: a header whose labels sit
        // closer together than the body's cells, a last row of longer text.
        var rowGap = Enumerable.Range(first + 1, last - first).Select(k => Gap(pageRows[k - 1], pageRows[k])).Order().ElementAt((last - first) / 2);
        while (first > 0 && Fits(pageRows[first - 1], pageRows[first], columns, rowGap))
        {
            first--;
        }
        while (last + 1 < pageRows.Count && Fits(pageRows[last + 1], pageRows[last], columns, rowGap))
        {
            last++;
        }
        var rows = pageRows.GetRange(first, last - first + 1);
        var chunks = pageChunks.GetRange(first, last - first + 1);
        var tabular = Enumerable.Range(0, rows.Count).Where(k => chunks[k].Count >= 2).ToList();
        var cells = rows.Select(r => RowCells.Fill(r, columns)).ToList();
        // Every column is used by a fair share of the rows, and the cells are short.
        if (Enumerable.Range(0, columns.Count).Any(c => cells.Count(r => r[c].Length > 0) < 0.3 * rows.Count))
        {
            return null;
        }
        var cellCount = tabular.Sum(k => chunks[k].Count);
        if ((double)tabular.Sum(k => rows[k].Count) / cellCount > MaxMeanWords)
        {
            return null;
        }
        // A short run needs a column of figures to be told from a few aligned lines of text.
        if (rows.Count < 5 && !Enumerable.Range(0, columns.Count).Any(c => Numeric(cells.Skip(1).Select(r => r[c]))))
        {
            return null;
        }
        // Code listings line up in monospace (line numbers, aligned assignments); contents pages run
        // section numbers, titles and page numbers down the page.
        if (rows.Sum(r => r.Count(w => w.IsMono)) * 2 >= rows.Sum(r => r.Count) || IsContents(cells))
        {
            return null;
        }
        var box = BoundingBox.UnionAll(rows.SelectMany(r => r).Select(w => w.Box));
        var headerRows = HeaderRows(rows, horizontals, box, cells);
        var merged = MergeWrappedRows(rows, cells, headerRows);
        return new DetectedTable(box, new TableData(merged, headerRows), rows.SelectMany(r => r).ToHashSet());
    }

    /// <summary>
    /// Column extents between the gutters: x ranges wider than a word space that no word of the rows
    /// covers (words, not cells, so a narrow column close to its neighbour still shows). With many rows a
    /// gutter may be crossed by a few (a header or section label spanning columns).
    /// </summary>
    private static List<(double Lo, double Hi)> Columns(List<List<Word>> rows)
    {
        var x0 = rows.Min(r => r[0].Box.X0);
        var x1 = rows.Max(r => r.Max(w => w.Box.X1));
        var minGutter = 0.4 * rows.Select(r => r[0].FontSize).Order().ElementAt(rows.Count / 2);
        var width = (int)Math.Ceiling(x1 - x0) + 1;
        var coverage = new int[width];
        foreach (var row in rows)
        {
            foreach (var w in row)
            {
                for (var b = (int)(w.Box.X0 - x0); b <= Math.Min(width - 1, (int)Math.Ceiling(w.Box.X1 - x0)); b++)
                {
                    coverage[b]++;
                }
            }
        }
        var allowed = rows.Count >= 8 ? rows.Count / 8 : 0;
        var columns = new List<(double Lo, double Hi)>();
        var start = 0;
        var x = 0;
        while (x < width)
        {
            if (coverage[x] <= allowed)
            {
                var gapStart = x;
                while (x < width && coverage[x] <= allowed)
                {
                    x++;
                }
                if (x - gapStart < minGutter && x < width)
                {
                    continue; // a word space that happens to line up
                }
                if (gapStart > start)
                {
                    columns.Add((x0 + start, x0 + gapStart));
                }
                start = x;
                continue;
            }
            x++;
        }
        if (start < width)
        {
            columns.Add((x0 + start, x1));
        }
        return columns;
    }

    /// <summary>A row next to the table that fills two or more of its columns and crosses none of its gutters.</summary>
    private static bool Fits(List<Word> row, List<Word> neighbour, List<(double Lo, double Hi)> columns, double rowGap)
    {
        var size = Math.Max(row.Max(w => w.FontSize), neighbour.Max(w => w.FontSize));
        var gap = Math.Max(row.Min(w => w.Box.Y0) - neighbour.Max(w => w.Box.Y1), neighbour.Min(w => w.Box.Y0) - row.Max(w => w.Box.Y1));
        if (gap > 1.2 * size || row.Any(w => w.IsMath) || HasLeader(row) || row[0].Box.X0 < columns[0].Lo - size || row[^1].Box.X1 > columns[^1].Hi + 2 * size)
        {
            return false;
        }
        var used = new HashSet<int>();
        var perColumn = new int[columns.Count];
        foreach (var w in row)
        {
            for (var c = 0; c + 1 < columns.Count; c++)
            {
                if (w.Box.X0 < columns[c].Hi && w.Box.X1 > columns[c + 1].Lo)
                {
                    return false;
                }
            }
            var col = RowCells.Column(w, columns);
            used.Add(col);
            if (++perColumn[col] > MaxWordsPerCell)
            {
                return false;
            }
        }
        // One filled column only where the line sits no further from the table than its rows from each
        // other: a cell wrapped onto it (set vertically centred, its last line is a row's distance away).
        return used.Count >= 2 || gap < Math.Max(0.5 * size, 1.1 * rowGap);
    }

    /// <summary>Section numbers first, page numbers last (both never going down) and titles between: a contents page.</summary>
    private static bool IsContents(List<List<string>> cells)
    {
        static bool Rising(IEnumerable<string> column, Func<string, double?> value)
        {
            var last = double.MinValue;
            foreach (var cell in column.Where(c => c.Length > 0))
            {
                if (value(cell) is not { } v || v < last)
                {
                    return false;
                }
                last = v;
            }
            return true;
        }
        static double? Page(string s) => int.TryParse(s, out var n) ? n : null;
        // "2", "2.3", "A.1": the leading number orders them.
        static double? Section(string s) => s.Length <= 8 && int.TryParse(s.Split('.')[0], out var n) ? n : s.Length <= 8 && s.Length > 0 && char.IsLetter(s[0]) && (s.Length == 1 || s[1] == '.') ? s[0] : null;
        var titles = Enumerable.Range(1, Math.Max(0, cells[0].Count - 2)).Any(c => cells.Count(r => r[c].Any(char.IsLetter)) >= 0.6 * cells.Count);
        return titles && Rising(cells.Select(r => r[^1]), Page) && Rising(cells.Select(r => r[0]), Section);
    }

    private static bool Numeric(IEnumerable<string> cells)
    {
        var filled = cells.Where(c => c.Length > 0).ToList();
        return filled.Count >= 2 && filled.Count(IsFigure) >= 0.6 * filled.Count;
    }

    // A figure: mostly digits, with the signs, separators and units that go with them.
    private static bool IsFigure(string s)
    {
        var digits = s.Count(char.IsDigit);
        return digits > 0 && digits >= 0.5 * s.Count(c => !char.IsWhiteSpace(c));
    }

    /// <summary>Rows above a rule drawn across the table's top part are its header; with no such rule, none.</summary>
    private static int HeaderRows(List<List<Word>> rows, IReadOnlyList<Ruling> horizontals, BoundingBox box, List<List<string>> cells)
    {
        foreach (var h in horizontals)
        {
            if (h.Box.CenterY > box.Y0 && h.Box.CenterY < box.Y1 && h.Box.HorizontalOverlap(box) >= 0.5 * box.Width)
            {
                var above = rows.Count(r => r.Average(w => w.Box.CenterY) < h.Box.CenterY);
                if (above >= 1 && above < rows.Count / 2 + 1)
                {
                    return above;
                }
            }
        }
        return 0;
    }

    /// <summary>
    /// Lines of one logical row: a body line that overlaps the line above (cells set vertically centred
    /// beside a wrapped one), or that fills at most half the columns and sits tighter under the line above
    /// than the table's rows sit apart (or tight, with its first cell empty), continues the row above.
    /// </summary>
    private static List<List<string>> MergeWrappedRows(List<List<Word>> rows, List<List<string>> cells, int headerRows)
    {
        var gaps = Enumerable.Range(1, rows.Count - 1).Select(k => Gap(rows[k - 1], rows[k])).Order().ToList();
        var rowGap = gaps.Count > 0 ? gaps[gaps.Count / 2] : 0;
        var merged = new List<List<string>>();
        for (var k = 0; k < cells.Count; k++)
        {
            var sparse = cells[k].Count(c => c.Length > 0) <= cells[k].Count / 2;
            var gap = k > 0 ? Gap(rows[k - 1], rows[k]) : double.MaxValue;
            var size = rows[k][0].FontSize;
            var continues = k > headerRows && (gap < 0
                || sparse && (gap < 0.6 * rowGap || cells[k][0].Length == 0 && gap < 0.5 * size));
            if (continues)
            {
                var previous = merged[^1];
                for (var c = 0; c < previous.Count; c++)
                {
                    if (cells[k][c].Length > 0)
                    {
                        previous[c] = previous[c].Length == 0 ? cells[k][c] : previous[c] + " " + cells[k][c];
                    }
                }
                continue;
            }
            merged.Add([.. cells[k]]);
        }
        return merged;
    }

    private static double Gap(List<Word> upper, List<Word> lower) => lower.Min(w => w.Box.Y0) - upper.Max(w => w.Box.Y1);
}
