using System.Text.RegularExpressions;

namespace Quarry.Parsing.Readers.Model.PostProcessing;

/// <summary>
/// A display equation's LaTeX made renderable, in mineru-vl-utils' order: outer <c>\[ \]</c> stripped,
/// <c>\left</c>/<c>\right</c> paired, a doubled subscript (<c>_{a}_{b}</c>) removed whole, <c>\eqqcolon</c> → <c>=:</c>
/// and <c>\coloneqq</c> → <c>:=</c>, braced <c>\big</c> delimiters unbraced, a space after every <c>&lt;</c>
/// (so <c>&lt;</c> is never read as an HTML tag), unmatched braces dropped.
/// </summary>
internal static partial class EquationCleaner
{
    private const string Group = @"([^{}]|\{[^{}]*\})*";

    [GeneratedRegex(@"_[" + PyText.SpaceClass + @"]*\{" + Group + @"\}[" + PyText.SpaceClass + @"]*_[" + PyText.SpaceClass + @"]*\{" + Group + @"\}")]
    private static partial Regex DoubleSubscript();

    public static string Clean(string latex)
    {
        latex = StripDisplayDelimiters(latex);
        latex = EquationLeftRight.Fix(latex);
        latex = DoubleSubscript().Replace(latex, "");
        latex = latex.Replace(@"\eqqcolon", "=:", StringComparison.Ordinal).Replace(@"\coloneqq", ":=", StringComparison.Ordinal);
        latex = EquationBigDelimiters.Fix(latex);
        latex = latex.Replace("<", "< ", StringComparison.Ordinal);
        return UnbalancedBraces.Fix(latex);
    }

    private static string StripDisplayDelimiters(string latex)
    {
        latex = PyText.Strip(latex);
        if (latex.StartsWith(@"\[", StringComparison.Ordinal))
        {
            latex = latex[2..];
        }
        if (latex.EndsWith(@"\]", StringComparison.Ordinal))
        {
            latex = latex[..^2];
        }
        return PyText.Strip(latex);
    }

    /// <summary>The final form MinerU expects: <c>\[</c>, newline, LaTeX, newline, <c>\]</c> (delimiters already there are kept).</summary>
    public static string WrapDisplay(string latex)
    {
        latex = PyText.Strip(latex);
        if (!latex.StartsWith(@"\[", StringComparison.Ordinal))
        {
            latex = "\\[\n" + latex;
        }
        if (!latex.EndsWith(@"\]", StringComparison.Ordinal))
        {
            latex += "\n\\]";
        }
        return latex;
    }
}
