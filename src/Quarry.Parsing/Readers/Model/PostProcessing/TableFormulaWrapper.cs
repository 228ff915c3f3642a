using System.Text.RegularExpressions;

namespace Quarry.Parsing.Readers.Model.PostProcessing;

/// <summary>
/// Formulas inside table HTML: <c>\(…\)</c> and <c>\[…\]</c> become <c>&lt;eq&gt;…&lt;/eq&gt;</c> (inner text trimmed),
/// leaving existing <c>&lt;eq&gt;</c> elements alone. MinerU turns this on (<c>enable_table_formula_eq_wrap</c>), so
/// table cells carry formulas the way MinerU's outputs do.
/// </summary>
internal static partial class TableFormulaWrapper
{
    [GeneratedRegex(@"(<eq>.*?</eq>)", RegexOptions.Singleline)]
    private static partial Regex EqElement();

    [GeneratedRegex(@"\A<eq>.*?</eq>\z", RegexOptions.Singleline)]
    private static partial Regex WholeEqElement();

    [GeneratedRegex(@"\\\((.+?)\\\)", RegexOptions.Singleline)]
    private static partial Regex Inline();

    [GeneratedRegex(@"\\\[(.+?)\\\]", RegexOptions.Singleline)]
    private static partial Regex Display();

    public static string Wrap(string html)
    {
        var parts = EqElement().Split(html);
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].Length == 0 || WholeEqElement().IsMatch(parts[i]))
            {
                continue;
            }
            var part = Inline().Replace(parts[i], ToEq);
            parts[i] = Display().Replace(part, ToEq);
        }
        return string.Concat(parts);
    }

    private static string ToEq(Match m) => "<eq>" + PyText.Strip(m.Groups[1].Value) + "</eq>";
}
