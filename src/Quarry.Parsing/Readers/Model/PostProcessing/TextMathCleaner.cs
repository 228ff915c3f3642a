using System.Text.RegularExpressions;

namespace Quarry.Parsing.Readers.Model.PostProcessing;

/// <summary>
/// Math inside a text block's answer, in mineru-vl-utils' order: display math <c>\[…\]</c> becomes inline
/// <c>\(…\)</c> unless it holds only digits, commas, hyphens, en dashes and spaces (a citation such as
/// <c>\[1, 2\]</c>); <c>\to</c>, <c>\in</c>, <c>\times</c>, <c>\cong</c>, <c>\subset</c> glued to a following single
/// letter get a space (<c>\timesX</c> → <c>\times X</c>, but <c>\top</c>, <c>\int</c>, <c>\inf</c> are left alone);
/// runs of three or more underscores (blanks to fill in) are moved out of inline math.
/// </summary>
internal static partial class TextMathCleaner
{
    [GeneratedRegex(@"\\\[(.*?)\\\]", RegexOptions.Singleline)]
    private static partial Regex Display();

    [GeneratedRegex(@"\A[–\d\-," + PyText.SpaceClass + @"]+\z")]
    private static partial Regex CitationLike();

    [GeneratedRegex(@"\\\(.*?\\\)", RegexOptions.Singleline)]
    private static partial Regex InlineOrEmpty();

    [GeneratedRegex(@"\\\((.+?)\\\)", RegexOptions.Singleline)]
    private static partial Regex Inline();

    [GeneratedRegex("(_{3,})")]
    private static partial Regex Blanks();

    [GeneratedRegex(@"\A_{3,}\z")]
    private static partial Regex OnlyBlanks();

    private static readonly string[] SpacedMacros = [@"\cong", @"\to", @"\times", @"\subset", @"\in"];

    private static readonly HashSet<string> KnownMacros = [@"\top", @"\int", @"\inf"];

    private static readonly Regex[] GluedMacros =
        [.. SpacedMacros.Select(m => new Regex(Regex.Escape(m) + "([a-zA-Z])(?![a-zA-Z])", RegexOptions.CultureInvariant))];

    public static string Clean(string text)
    {
        text = Display().Replace(text, m =>
            CitationLike().IsMatch(m.Groups[1].Value) ? m.Value : @"\(" + m.Groups[1].Value + @"\)");
        text = InlineOrEmpty().Replace(text, m => @"\(" + SpaceMacros(m.Value[2..^2]) + @"\)");
        return Inline().Replace(text, MoveBlanksOut);
    }

    private static string SpaceMacros(string math)
    {
        for (var i = 0; i < SpacedMacros.Length; i++)
        {
            var macro = SpacedMacros[i];
            math = GluedMacros[i].Replace(math, m =>
                KnownMacros.Contains(macro + m.Groups[1].Value) ? m.Value : macro + " " + m.Groups[1].Value);
        }
        return math;
    }

    private static string MoveBlanksOut(Match m)
    {
        var parts = Blanks().Split(m.Groups[1].Value);
        if (parts.Length == 1)
        {
            return m.Value;
        }
        var kept = new List<string>();
        foreach (var part in parts)
        {
            if (OnlyBlanks().IsMatch(part))
            {
                kept.Add(part);
            }
            else if (!PyText.IsBlank(part))
            {
                kept.Add(@"\(" + part + @"\)");
            }
        }
        return string.Join(' ', kept);
    }
}
