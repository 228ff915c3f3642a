using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Quarry.Parsing.Readers.Model.PostProcessing;

/// <summary>
/// The model's table answer (OTSL: <c>&lt;fcel&gt;</c> cell with text, <c>&lt;ecel&gt;</c> empty, <c>&lt;lcel&gt;</c>
/// merged left, <c>&lt;ucel&gt;</c> merged up, <c>&lt;xcel&gt;</c> both, <c>&lt;nl&gt;</c> row end) to an HTML table,
/// as mineru-vl-utils does: short rows padded with empty cells, spans read off the tokens right of and below a
/// cell, every cell a <c>&lt;td&gt;</c>, text HTML-escaped. Its quirks are kept on purpose (text before the first
/// token, or after a row end, desynchronises the cell texts and later cells come out empty; an answer with no
/// cell token becomes ""), so a page reads the same as under MinerU.
/// </summary>
internal static partial class OtslTableConverter
{
    private const string Nl = "<nl>";
    private const string Fcel = "<fcel>";
    private const string Ecel = "<ecel>";
    private const string Lcel = "<lcel>";
    private const string Ucel = "<ucel>";
    private const string Xcel = "<xcel>";

    [GeneratedRegex("(<nl>|<fcel>|<ecel>|<lcel>|<ucel>|<xcel>)")]
    private static partial Regex TokenRegex();

    private static bool IsToken(string s) => s is Nl or Fcel or Ecel or Lcel or Ucel or Xcel;

    private sealed record Cell(string Text, int RowSpan, int ColSpan, int Row, int Col);

    /// <summary>HTML for <paramref name="otsl"/>; an answer that already is <c>&lt;table…&lt;/table&gt;</c> is kept as is.</summary>
    public static string ToHtml(string otsl)
    {
        if (otsl.StartsWith("<table", StringComparison.Ordinal) && otsl.EndsWith("</table>", StringComparison.Ordinal))
        {
            return otsl;
        }

        var tokens = TokenRegex().Matches(otsl).Select(m => m.Value).ToList();
        var texts = TokenRegex().Split(otsl).Where(p => !PyText.IsBlank(p)).ToList();
        var rows = SplitRows(tokens);
        if (rows.Count > 0)
        {
            texts = PadRows(rows, texts);
        }
        var cells = ReadCells(texts, rows);
        var numCols = rows.Count > 0 ? rows.Max(r => r.Count) : 0;
        return Render(cells, rows.Count, numCols);
    }

    /// <summary>Tokens grouped into rows at each run of <c>&lt;nl&gt;</c>.</summary>
    private static List<List<string>> SplitRows(List<string> tokens)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        foreach (var t in tokens)
        {
            if (t == Nl)
            {
                if (row.Count > 0)
                {
                    rows.Add(row);
                    row = [];
                }
            }
            else
            {
                row.Add(t);
            }
        }
        if (row.Count > 0)
        {
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>
    /// Pads short rows with <c>&lt;ecel&gt;</c> and rebuilds the token/text sequence row by row, taking a text
    /// only right after the token it followed in the answer (VLU's walk, desynchronisation included).
    /// </summary>
    private static List<string> PadRows(List<List<string>> rows, List<string> texts)
    {
        var maxCols = rows.Max(r => r.Count);
        foreach (var row in rows)
        {
            while (row.Count < maxCols)
            {
                row.Add(Ecel);
            }
        }

        var rebuilt = new List<string>();
        var at = 0;
        foreach (var row in rows)
        {
            foreach (var token in row)
            {
                rebuilt.Add(token);
                if (at < texts.Count && texts[at] == token)
                {
                    at++;
                    if (at < texts.Count && !IsToken(texts[at]))
                    {
                        rebuilt.Add(texts[at]);
                        at++;
                    }
                }
            }
            rebuilt.Add(Nl);
            if (at < texts.Count && texts[at] == Nl)
            {
                at++;
            }
        }
        return rebuilt;
    }

    private static List<Cell> ReadCells(List<string> texts, List<List<string>> rows)
    {
        var cells = new List<Cell>();
        var r = 0;
        var c = 0;
        for (var i = 0; i < texts.Count; i++)
        {
            var text = texts[i];
            if (text is Fcel or Ecel)
            {
                var rowSpan = 1;
                var colSpan = 1;
                var rightOffset = 1;
                var cellText = "";
                if (text != Ecel && !IsToken(texts[i + 1]))
                {
                    cellText = texts[i + 1];
                    rightOffset = 2;
                }
                var nextRight = i + rightOffset < texts.Count ? texts[i + rightOffset] : "";
                var nextBelow = r + 1 < rows.Count && c < rows[r + 1].Count ? rows[r + 1][c] : "";
                if (nextRight is Lcel or Xcel)
                {
                    colSpan += CountRight(rows[r], c + 1);
                }
                if (nextBelow is Ucel or Xcel)
                {
                    rowSpan += CountDown(rows, c, r + 1);
                }
                cells.Add(new Cell(PyText.Strip(cellText), rowSpan, colSpan, r, c));
            }
            if (text is Fcel or Ecel or Lcel or Ucel or Xcel)
            {
                c++;
            }
            if (text == Nl)
            {
                r++;
                c = 0;
            }
        }
        return cells;
    }

    private static int CountRight(List<string> row, int from)
    {
        var span = 0;
        for (var j = from; j < row.Count && row[j] is Lcel or Xcel; j++)
        {
            span++;
        }
        return span;
    }

    private static int CountDown(List<List<string>> rows, int col, int from)
    {
        var span = 0;
        for (var i = from; i < rows.Count && rows[i][col] is Ucel or Xcel; i++)
        {
            span++;
        }
        return span;
    }

    /// <summary>
    /// Lays the cells on a grid (a later cell overwrites an earlier one where spans overlap, grid slots no
    /// cell covers stay empty cells) and writes each cell once, at its top-left slot.
    /// </summary>
    private static string Render(List<Cell> cells, int numRows, int numCols)
    {
        if (cells.Count == 0)
        {
            return "";
        }
        var grid = new Cell[numRows, numCols];
        for (var i = 0; i < numRows; i++)
        {
            for (var j = 0; j < numCols; j++)
            {
                grid[i, j] = new Cell("", 1, 1, i, j);
            }
        }
        foreach (var cell in cells)
        {
            for (var i = Math.Min(cell.Row, numRows); i < Math.Min(cell.Row + cell.RowSpan, numRows); i++)
            {
                for (var j = Math.Min(cell.Col, numCols); j < Math.Min(cell.Col + cell.ColSpan, numCols); j++)
                {
                    grid[i, j] = cell;
                }
            }
        }

        var html = new StringBuilder("<table>");
        for (var i = 0; i < numRows; i++)
        {
            html.Append("<tr>");
            for (var j = 0; j < numCols; j++)
            {
                var cell = grid[i, j];
                if (cell.Row != i || cell.Col != j)
                {
                    continue;
                }
                html.Append("<td");
                if (cell.RowSpan > 1)
                {
                    html.Append(CultureInfo.InvariantCulture, $" rowspan=\"{cell.RowSpan}\"");
                }
                if (cell.ColSpan > 1)
                {
                    html.Append(CultureInfo.InvariantCulture, $" colspan=\"{cell.ColSpan}\"");
                }
                html.Append('>').Append(PyText.HtmlEscape(PyText.Strip(cell.Text))).Append("</td>");
            }
            html.Append("</tr>");
        }
        return html.Append("</table>").ToString();
    }
}
