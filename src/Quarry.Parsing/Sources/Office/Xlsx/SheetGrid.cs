namespace Quarry.Parsing.Sources.Office.Xlsx;

/// <summary>A merged range, 0-based inclusive.</summary>
internal readonly record struct CellRange(int Row0, int Col0, int Row1, int Col1)
{
    /// <summary>"B2:D4" (or a single "B2") to a range; null when it is not a cell reference.</summary>
    public static CellRange? Parse(string? reference)
    {
        if (reference is null)
        {
            return null;
        }
        var parts = reference.Split(':');
        if (CellAddress.Parse(parts[0]) is not { } a || CellAddress.Parse(parts[^1]) is not { } b)
        {
            return null;
        }
        return new CellRange(Math.Min(a.Row, b.Row), Math.Min(a.Col, b.Col), Math.Max(a.Row, b.Row), Math.Max(a.Col, b.Col));
    }
}

internal static class CellAddress
{
    /// <summary>"AB12" → (row 11, column 27), 0-based.</summary>
    public static (int Row, int Col)? Parse(string reference)
    {
        var col = 0;
        var i = 0;
        for (; i < reference.Length && char.IsAsciiLetter(reference[i]); i++)
        {
            col = (col * 26) + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
            if (col > 16384)
            {
                return null;
            }
        }
        if (i == 0 || !int.TryParse(reference.AsSpan(i), out var row) || row < 1)
        {
            return null;
        }
        return (row - 1, col - 1);
    }
}

/// <summary>
/// A sheet's shown values and merged ranges, cut into tables: blocks of cells separated by fully empty rows
/// or columns, split recursively (rows first, then columns) so two tables side by side or one above the other
/// come apart, and each table's empty leading and trailing rows and columns fall away. A merged range counts
/// as filled over its whole area, so a merged title or header never splits its table.
/// </summary>
internal sealed class SheetGrid
{
    private readonly Dictionary<(int Row, int Col), string> _values = [];
    private const long LargeMerge = 4096;
    private readonly List<CellRange> _merges = [];
    private readonly Dictionary<(int Row, int Col), CellRange> _anchors = [];
    private readonly List<CellRange> _largeMerges = [];
    private HashSet<(int, int)>? _covered;

    public void Set(int row, int col, string text)
    {
        if (text.Length > 0)
        {
            _values[(row, col)] = text;
        }
    }

    public void Merge(CellRange range)
    {
        _merges.Add(range);
        _anchors.TryAdd((range.Row0, range.Col0), range);
    }

    public string Value(int row, int col) => _values.GetValueOrDefault((row, col), "");

    /// <summary>The merged range anchored at this cell, if any.</summary>
    public CellRange? MergeAt(int row, int col) => _anchors.TryGetValue((row, col), out var m) ? m : null;

    /// <summary>Whether a merged range covers this cell without starting there (the cell is then not written).</summary>
    public bool Covered(int row, int col)
    {
        _covered ??= CoveredCells();
        if (_covered.Contains((row, col)))
        {
            return true;
        }
        foreach (var m in _largeMerges)
        {
            if (row >= m.Row0 && row <= m.Row1 && col >= m.Col0 && col <= m.Col1 && (row != m.Row0 || col != m.Col0))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Covered cells of ordinary merges in a set (one look-up per cell); huge merges stay ranges, checked one by one.</summary>
    private HashSet<(int, int)> CoveredCells()
    {
        var covered = new HashSet<(int, int)>();
        foreach (var m in _merges)
        {
            if ((long)(m.Row1 - m.Row0 + 1) * (m.Col1 - m.Col0 + 1) > LargeMerge)
            {
                _largeMerges.Add(m);
                continue;
            }
            for (var r = m.Row0; r <= m.Row1; r++)
            {
                for (var c = m.Col0; c <= m.Col1; c++)
                {
                    if (r != m.Row0 || c != m.Col0)
                    {
                        covered.Add((r, c));
                    }
                }
            }
        }
        return covered;
    }

    /// <summary>The tables of the sheet, top to bottom, left to right.</summary>
    public List<CellRange> Regions()
    {
        var filled = new List<CellRange>(_values.Count + _merges.Count);
        filled.AddRange(_values.Keys.Select(k => new CellRange(k.Row, k.Col, k.Row, k.Col)));
        // A merged range only fills when its anchor holds something (an empty merge is formatting), and only as
        // far as the sheet's values reach: a merge over whole rows or columns must not stretch a table.
        var maxRow = _values.Count == 0 ? 0 : _values.Keys.Max(k => k.Row);
        var maxCol = _values.Count == 0 ? 0 : _values.Keys.Max(k => k.Col);
        filled.AddRange(_merges.Where(m => _values.ContainsKey((m.Row0, m.Col0)))
            .Select(m => m with { Row1 = Math.Min(m.Row1, Math.Max(m.Row0, maxRow)), Col1 = Math.Min(m.Col1, Math.Max(m.Col0, maxCol)) }));
        var regions = new List<CellRange>();
        Split(filled, regions, rowsFirst: true, depth: 0);
        return regions;
    }

    private static void Split(List<CellRange> cells, List<CellRange> regions, bool rowsFirst, int depth)
    {
        if (cells.Count == 0)
        {
            return;
        }
        foreach (var byRows in depth > 32 ? [] : new[] { rowsFirst, !rowsFirst })
        {
            var bands = Bands(cells, byRows);
            if (bands.Count > 1)
            {
                foreach (var band in bands)
                {
                    Split(band, regions, !byRows, depth + 1);
                }
                return;
            }
        }
        regions.Add(new CellRange(cells.Min(c => c.Row0), cells.Min(c => c.Col0), cells.Max(c => c.Row1), cells.Max(c => c.Col1)));
    }

    /// <summary>Cells grouped into runs of rows (or columns) with no empty row (column) inside.</summary>
    private static List<List<CellRange>> Bands(List<CellRange> cells, bool byRows)
    {
        var sorted = cells.OrderBy(c => byRows ? c.Row0 : c.Col0).ToList();
        var bands = new List<List<CellRange>>();
        var reach = int.MinValue;
        foreach (var cell in sorted)
        {
            var (start, end) = byRows ? (cell.Row0, cell.Row1) : (cell.Col0, cell.Col1);
            if (bands.Count == 0 || start > reach + 1)
            {
                bands.Add([]);
            }
            bands[^1].Add(cell);
            reach = Math.Max(reach, end);
        }
        return bands;
    }
}
