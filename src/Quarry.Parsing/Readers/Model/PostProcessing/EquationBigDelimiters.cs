namespace Quarry.Parsing.Readers.Model.PostProcessing;

/// <summary>
/// <c>\big{)}</c> → <c>\big)</c>: the model sometimes braces the delimiter after a size command, which KaTeX rejects.
/// Covers the sixteen sizes (big, bigr, bigm, bigl, bigg…, Big…, Bigg…) with or without a space before the brace,
/// and the same gaps and oddities as mineru-vl-utils' list: no <c>\Biggm</c> rule for braces and angle brackets,
/// <c>[</c>/<c>]</c> after <c>\biggm \Biggm \biggl \Biggl</c> come out escaped (<c>\Biggl\[</c>), angle brackets get a
/// trailing space; and <c>\bigtimes</c> → <c>\times</c>.
/// </summary>
internal static class EquationBigDelimiters
{
    private static readonly string[] Sizes =
    [
        "big", "bigr", "bigm", "bigl", "bigg", "biggr", "biggm", "biggl",
        "Big", "Bigr", "Bigm", "Bigl", "Bigg", "Biggr", "Biggm", "Biggl",
    ];

    private static readonly HashSet<string> EscapedBracketSizes = ["biggm", "Biggm", "biggl", "Biggl"];

    /// <summary>Rules in mineru-vl-utils' order (the order never changes a result: no rule's output can start another's match).</summary>
    private static readonly (string From, string To)[] Rules = BuildRules();

    private static (string, string)[] BuildRules()
    {
        var rules = new List<(string, string)>();
        void Add(string delimiter, Func<string, string?> replacement)
        {
            foreach (var size in Sizes)
            {
                if (replacement(size) is not { } to)
                {
                    continue;
                }
                rules.Add(($"\\{size}{{{delimiter}}}", $"\\{size}{to}"));
                rules.Add(($"\\{size} {{{delimiter}}}", $"\\{size}{to}"));
            }
        }

        Add(")", _ => ")");
        Add("(", _ => "(");
        Add(@"\}", s => s == "Biggm" ? null : @"\}");
        Add(@"\{", s => s == "Biggm" ? null : @"\{");
        Add("|", _ => "|");
        Add(@"\|", _ => @"\|");
        Add("]", s => EscapedBracketSizes.Contains(s) ? @"\]" : "]");
        Add("[", s => EscapedBracketSizes.Contains(s) ? @"\[" : "[");
        Add(@"\rangle", s => s == "Biggm" ? null : @"\rangle ");
        Add(@"\langle", s => s == "Biggm" ? null : @"\langle ");
        rules.Add((@"\bigtimes", @"\times"));
        return [.. rules];
    }

    public static string Fix(string latex)
    {
        foreach (var (from, to) in Rules)
        {
            latex = latex.Replace(from, to, StringComparison.Ordinal);
        }
        return latex;
    }
}
