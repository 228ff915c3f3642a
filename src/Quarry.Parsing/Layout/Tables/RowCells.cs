using Quarry.Parsing.Readers;

namespace Quarry.Parsing.Layout.Tables;

/// <summary>How the words of one table row split into cells: shared by ruled and borderless tables.</summary>
internal static class RowCells
{
    /// <summary>Runs of words closer than 0.8 em (one cell's text), left to right, as index ranges of the row.</summary>
    public static List<(int First, int Last, double Lo, double Hi)> Chunks(List<Word> row)
    {
        var chunks = new List<(int, int, double, double)>();
        var first = 0;
        var lo = row[0].Box.X0;
        var hi = row[0].Box.X1;
        for (var i = 1; i < row.Count; i++)
        {
            if (row[i].Box.X0 - hi > 0.8 * row[i].FontSize)
            {
                chunks.Add((first, i - 1, lo, hi));
                first = i;
                lo = row[i].Box.X0;
            }
            hi = Math.Max(hi, row[i].Box.X1);
        }
        chunks.Add((first, row.Count - 1, lo, hi));
        return chunks;
    }

    /// <summary>The row's text per column: each word goes to the column it overlaps most.</summary>
    public static List<string> Fill(List<Word> row, IReadOnlyList<(double Lo, double Hi)> columns)
    {
        var cells = new List<string>[columns.Count];
        foreach (var w in row.OrderBy(w => w.Box.Y0 > row[0].Box.Y1 ? 1 : 0).ThenBy(w => w.Baseline).ThenBy(w => w.Box.X0))
        {
            (cells[Column(w, columns)] ??= []).Add(w.Text);
        }
        return cells.Select(c => c is null ? "" : Text.Bidi.VisualToLogical(string.Join(' ', c))).ToList();
    }

    public static int Column(Word w, IReadOnlyList<(double Lo, double Hi)> columns)
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
        return best;
    }

    /// <summary>Cell borders drawn as separate boxes leave a sliver between two vertical rules: a column no word falls in.</summary>
    public static List<List<string>> DropEmptyColumns(List<List<string>> cells)
    {
        var keep = Enumerable.Range(0, cells[0].Count).Where(c => cells.Any(r => r[c].Length > 0)).ToList();
        return keep.Count == cells[0].Count ? cells : cells.Select(r => keep.Select(c => r[c]).ToList()).ToList();
    }
}
