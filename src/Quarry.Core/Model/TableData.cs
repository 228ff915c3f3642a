using System.Net;
using System.Text;

namespace Quarry.Core.Model;

/// <summary>A table's cells row by row; the first <see cref="HeaderRows"/> rows are the header.</summary>
public sealed record TableData(IReadOnlyList<IReadOnlyList<string>> Rows, int HeaderRows)
{
    public int ColumnCount => Rows.Count == 0 ? 0 : Rows.Max(r => r.Count);

    /// <summary>Appends the rows of a continuation (the next page's part), dropping a repeated header.</summary>
    public TableData Append(TableData next)
    {
        var skip = next.HeaderRows > 0 && HeaderRows > 0 && next.Rows.Take(next.HeaderRows)
            .SequenceEqual(Rows.Take(HeaderRows), RowComparer.Instance) ? next.HeaderRows : 0;
        return this with { Rows = [.. Rows, .. next.Rows.Skip(skip)] };
    }

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

    private sealed class RowComparer : IEqualityComparer<IReadOnlyList<string>>
    {
        public static readonly RowComparer Instance = new();

        public bool Equals(IReadOnlyList<string>? x, IReadOnlyList<string>? y) =>
            x is not null && y is not null && x.SequenceEqual(y, StringComparer.Ordinal);

        public int GetHashCode(IReadOnlyList<string> obj) => obj.Count;
    }
}
