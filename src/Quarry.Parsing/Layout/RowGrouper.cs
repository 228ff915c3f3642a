using Quarry.Parsing.Readers;

namespace Quarry.Parsing.Layout;

/// <summary>Groups words that share a baseline into rows, left to right. Super- and subscripts join their row.</summary>
public static class RowGrouper
{
    public static List<List<Word>> Group(IEnumerable<Word> words)
    {
        var sorted = words.OrderBy(w => w.Baseline).ToList();
        var rows = new List<List<Word>>();
        List<Word>? row = null;
        double rowBaseline = 0, rowSize = 0, rowTop = 0, rowBottom = 0;
        foreach (var w in sorted)
        {
            var joins = row is not null && (Math.Abs(w.Baseline - rowBaseline) <= 0.45 * Math.Max(rowSize, w.FontSize)
                || (w.FontSize < 0.85 * rowSize && w.Box.CenterY > rowTop && w.Box.CenterY < rowBottom));
            if (!joins)
            {
                row = [];
                rows.Add(row);
                rowBaseline = w.Baseline;
                rowSize = w.FontSize;
                rowTop = w.Box.Y0;
                rowBottom = w.Box.Y1;
            }
            row!.Add(w);
            if (w.FontSize > rowSize)
            {
                rowSize = w.FontSize;
                rowBaseline = w.Baseline;
            }
            rowTop = Math.Min(rowTop, w.Box.Y0);
            rowBottom = Math.Max(rowBottom, w.Box.Y1);
        }
        foreach (var r in rows)
        {
            r.Sort((a, b) => a.Box.X0.CompareTo(b.Box.X0));
        }
        return rows;
    }
}
