using Quarry.Core.Text;
using Quarry.Parsing.Readers;

namespace Quarry.Parsing.Layout;

/// <summary>
/// A run-in heading: a short bold or italic run that opens a paragraph and is set off from the regular text that
/// continues on its line ("1.2 Overview␣␣This document…", "Quiet areas. Please…"). MinerU-style output gives it a
/// heading line of its own. An emphasised word that merely starts a sentence is not one: the run must end with a
/// full stop or colon, or be followed by a gap wider than any justified space; and a lead-in label ("Note.",
/// "Theorem 2.", "Proof.") opens a paragraph without heading a section.
/// </summary>
internal static class RunInHead
{
    private const int MaxWords = 10;
    private const int MaxChars = 80;
    private const double GapEm = 0.8; // LaTeX's run-in heads leave 1 em; a stretched interword space stays near 0.5 em

    /// <summary>How many leading words of the line form a run-in head (0 when none).</summary>
    public static int Length(TextLine line)
    {
        var words = line.Words;
        if (words.Count < 3 || !line.Text.StartsWith(words[0].Text, StringComparison.Ordinal))
        {
            return 0; // right-to-left lines reorder their words: the first drawn word does not start the text
        }
        var style = Emphasis(words[0]);
        var first = words[0].Text[0];
        // A lower-case start is the tail of a broken line ("edi- / tion."), not a head.
        if (style == FontTraits.None || words[0].IsMono || char.IsLower(first) || !char.IsLetterOrDigit(first) && first != '(')
        {
            return 0;
        }
        var n = 0;
        var chars = 0;
        while (n < words.Count && Emphasis(words[n]) == style)
        {
            chars += words[n].Text.Length + 1;
            n++;
        }
        // The rest of the line must be regular text, and more than a stray word.
        if (n == 0 || n > MaxWords || chars > MaxChars || words.Count - n < 2
            || Emphasis(words[n]) != FontTraits.None || Emphasis(words[n + 1]) != FontTraits.None)
        {
            return 0;
        }
        if (Patterns.LeadInLabel().IsMatch(string.Join(' ', words.Take(n).Select(w => w.Text))))
        {
            return 0;
        }
        var last = words[n - 1].Text;
        var punctuated = last.EndsWith('.') || last.EndsWith(':');
        var gap = words[n].Box.X0 - words[n - 1].Box.X1;
        var size = Math.Max(words[n - 1].FontSize, 1);
        return punctuated || gap >= GapEm * size ? n : 0;
    }

    /// <summary>A short line wholly in bold or italic over a regular line: a heading set at body size on a line
    /// of its own ("Introduction" in italic sans above the paragraph), the same words as a run-in head.</summary>
    public static bool OwnsLine(TextLine line, TextLine next, double right)
    {
        var words = line.Words;
        var style = Emphasis(words[0]);
        var text = line.Text.Trim();
        if (style is FontTraits.None or FontTraits.Math || words.Count > MaxWords || text.Length > MaxChars || char.IsLower(text[0])
            || !char.IsLetterOrDigit(text[0]) || words.Any(w => Emphasis(w) != style || w.IsMono) || Emphasis(next.Words[0]) != FontTraits.None
            || Continuation.EndsSentence(text) || text.EndsWith(',') || Patterns.LeadInLabel().IsMatch(text))
        {
            return false;
        }
        return right - line.Box.X1 > 3 * line.FontSize;
    }

    // Bold wins over italic (a bold-italic head is bold); the math fonts' italic letters are not emphasis.
    private static FontTraits Emphasis(Word w) =>
        w.IsMath ? FontTraits.Math : w.IsBold ? FontTraits.Bold : (w.Traits & FontTraits.Italic) != 0 ? FontTraits.Italic : FontTraits.None;
}
