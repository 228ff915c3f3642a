using System.Net;
using System.Text;

namespace Quarry.Parsing.Sources.Office;

/// <summary>One cell of an Office table: its text and how many grid columns and rows it covers.</summary>
internal sealed record OfficeCell(string Text, int ColSpan = 1, int RowSpan = 1);

/// <summary>
/// Office tables to HTML: rows of cells that already carry their spans (covered positions are simply absent,
/// as in HTML), the first <c>headerRows</c> rows in a <c>thead</c> with <c>th</c> cells.
/// </summary>
internal static class HtmlTable
{
    public static string Write(IReadOnlyList<IReadOnlyList<OfficeCell>> rows, int headerRows)
    {
        var sb = new StringBuilder("<table>");
        for (var r = 0; r < rows.Count; r++)
        {
            if (r == 0 && headerRows > 0)
            {
                sb.Append("<thead>");
            }
            if (r == headerRows)
            {
                sb.Append("<tbody>");
            }
            var tag = r < headerRows ? "th" : "td";
            sb.Append("<tr>");
            foreach (var cell in rows[r])
            {
                sb.Append('<').Append(tag);
                if (cell.ColSpan > 1)
                {
                    sb.Append(" colspan=\"").Append(cell.ColSpan).Append('"');
                }
                if (cell.RowSpan > 1)
                {
                    sb.Append(" rowspan=\"").Append(cell.RowSpan).Append('"');
                }
                sb.Append('>').Append(WebUtility.HtmlEncode(cell.Text)).Append("</").Append(tag).Append('>');
            }
            sb.Append("</tr>");
            if (r == headerRows - 1)
            {
                sb.Append("</thead>");
            }
        }
        if (rows.Count > headerRows)
        {
            sb.Append("</tbody>");
        }
        return sb.Append("</table>").ToString();
    }
}
