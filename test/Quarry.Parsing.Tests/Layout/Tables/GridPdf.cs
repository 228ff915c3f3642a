using System.Globalization;
using System.Text;

namespace Quarry.Parsing.Tests.Layout.Tables;

/// <summary>
/// Content streams of ruled grids drawn the way spreadsheet and word-processor exports draw them: every
/// cell edge its own thin filled bar, so no single rule spans the table.
/// </summary>
internal static class GridPdf
{
    public const double CellWidth = 64, CellHeight = 20;

    /// <summary>The grid's cell texts as <c>rNcM</c> with the header row <c>HeadM</c>.</summary>
    public static string[][] Cells(int rows, int cols) =>
        [.. Enumerable.Range(0, rows).Select(r => Enumerable.Range(0, cols).Select(c => r == 0 ? $"Head{c}" : $"r{r}c{c}").ToArray())];

    /// <summary>Draws <paramref name="cells"/> with its top-left corner at (x, top), y up.</summary>
    public static string Draw(string[][] cells, double x, double top)
    {
        var sb = new StringBuilder();
        var rows = cells.Length;
        var cols = cells[0].Length;
        for (var r = 0; r <= rows; r++)
        {
            for (var c = 0; c <= cols; c++)
            {
                var cx = x + c * CellWidth;
                var cy = top - r * CellHeight;
                if (c < cols)
                {
                    sb.Append(F($"{cx} {cy - 0.25} {CellWidth} 0.5 re f\n")); // this cell's top edge
                }
                if (r < rows)
                {
                    sb.Append(F($"{cx - 0.25} {cy - CellHeight} 0.5 {CellHeight} re f\n")); // this cell's left edge
                }
                if (r < rows && c < cols)
                {
                    sb.Append(F($"BT /F1 9 Tf {cx + 4} {cy - CellHeight + 6} Td ({cells[r][c]}) Tj ET\n"));
                }
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// Draws <paramref name="cells"/> with every cell stroked as a closed four-corner path (<c>m l l l h S</c>),
    /// as some exporters do instead of <c>re</c>.
    /// </summary>
    public static string DrawClosedPaths(string[][] cells, double x, double top)
    {
        var sb = new StringBuilder("0.5 w\n");
        for (var r = 0; r < cells.Length; r++)
        {
            for (var c = 0; c < cells[r].Length; c++)
            {
                double x0 = x + c * CellWidth, y1 = top - r * CellHeight, x1 = x0 + CellWidth, y0 = y1 - CellHeight;
                sb.Append(F($"{x0} {y0} m {x1} {y0} l {x1} {y1} l {x0} {y1} l h S\n"));
                sb.Append(F($"BT /F1 9 Tf {x0 + 4} {y0 + 6} Td ({cells[r][c]}) Tj ET\n"));
            }
        }
        return sb.ToString();
    }

    /// <summary>The Markdown row of a table row, as the writer emits it.</summary>
    public static string Row(string[] cells, string tag = "td") =>
        "<tr>" + string.Concat(cells.Select(c => $"<{tag}>{c}</{tag}>")) + "</tr>";

    /// <summary>One word of 10 pt Helvetica with its baseline start at (x, y).</summary>
    public static string Word(string text, double x, double y) => F($"BT /F1 10 Tf {x} {y} Td ({text}) Tj ET\n");

    /// <summary>A half-point stroked line from (x0, y0) to (x1, y1).</summary>
    public static string Line(double x0, double y0, double x1, double y1) => F($"0.5 w {x0} {y0} m {x1} {y1} l S\n");

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
