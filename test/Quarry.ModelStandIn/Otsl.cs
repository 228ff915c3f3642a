using System.Text;

namespace Quarry.ModelStandIn;

/// <summary>A table as MinerU2.5 writes it: OTSL, <c>&lt;fcel&gt;</c> before each cell with text, <c>&lt;ecel&gt;</c> for an empty one, <c>&lt;nl&gt;</c> after each row.</summary>
public static class Otsl
{
    public static string From(IEnumerable<IReadOnlyList<string>> rows)
    {
        var sb = new StringBuilder();
        foreach (var row in rows)
        {
            foreach (var cell in row)
            {
                sb.Append(string.IsNullOrWhiteSpace(cell) ? "<ecel>" : "<fcel>" + cell.Trim());
            }
            sb.Append("<nl>");
        }
        return sb.ToString();
    }
}
