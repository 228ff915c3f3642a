using Quarry.Parsing.Readers;

namespace Quarry.Parsing.Layout.Tables;

/// <summary>
/// Rows of a table ruled between its records: the lines between two rules are one record when a single
/// line among them fills the most cells and the others fill fewer (cells wrapped onto more lines, or set
/// vertically centred beside a wrapped one), and so are they all where most rules stand under a single
/// line (a rule under every row: the few bands of more lines are wrapped rows). Otherwise lines between
/// two rules that each fill as many cells as the fullest are rows of their own (a group of rows ruled off
/// from the next).
/// </summary>
internal static class RecordBands
{
    public static (List<List<Word>> Rows, List<List<string>> Cells) Merge(List<List<Word>> rows, List<List<string>> cells, List<double> rules)
    {
        var bands = new List<(int Start, int End)>();
        for (var k = 0; k < rows.Count;)
        {
            var band = Band(rows[k], rules);
            var end = k + 1;
            while (end < rows.Count && Band(rows[end], rules) == band)
            {
                end++;
            }
            bands.Add((k, end));
            k = end;
        }
        var ruledPerRow = bands.Count(b => b.End - b.Start == 1) * 3 >= bands.Count * 2;
        var mergedRows = new List<List<Word>>();
        var mergedCells = new List<List<string>>();
        foreach (var (k, end) in bands)
        {
            var filled = Enumerable.Range(k, end - k).Select(i => cells[i].Count(c => c.Length > 0)).ToList();
            var most = filled.Max();
            if (end - k > 1 && (ruledPerRow || filled.Count(f => f == most) == 1))
            {
                mergedRows.Add([.. rows.Skip(k).Take(end - k).SelectMany(r => r)]);
                mergedCells.Add([.. Enumerable.Range(0, cells[k].Count).Select(c => string.Join(' ', Enumerable.Range(k, end - k).Select(i => cells[i][c]).Where(t => t.Length > 0)))]);
            }
            else
            {
                mergedRows.AddRange(rows.Skip(k).Take(end - k));
                mergedCells.AddRange(cells.Skip(k).Take(end - k));
            }
        }
        return (mergedRows, mergedCells);
    }

    // How many rules lie above the line: lines with the same count sit between the same two rules.
    private static int Band(List<Word> row, List<double> rules)
    {
        var y = row.Average(w => w.Box.CenterY);
        return rules.Count(r => r < y);
    }
}
