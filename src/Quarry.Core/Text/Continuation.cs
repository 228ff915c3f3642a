using System.Text;

namespace Quarry.Core.Text;

/// <summary>
/// When one paragraph carries on in the next (across a line, column, page or job boundary) and how the two
/// halves are joined. Shared by the parser's assembly and the client's merge of fanned-out jobs, so both
/// join exactly alike.
/// </summary>
public static class Continuation
{
    // Words like "non-exclusive" are written with a hyphen; a line break after the prefix keeps it.
    private static readonly string[] CompoundPrefixes = ["non", "self", "well", "cross", "multi", "semi", "anti", "pre", "post", "co", "ex", "all", "half", "quasi", "peer"];

    /// <summary>True when the text ends a sentence (or a clause a new block may follow).</summary>
    public static bool EndsSentence(string text)
    {
        var t = text.TrimEnd();
        return t.Length > 0 && t[^1] is '.' or '!' or '?' or ':' or '"' or ')' or ';';
    }

    /// <summary>Does <paramref name="second"/> continue the paragraph <paramref name="first"/>?</summary>
    public static bool Continues(string first, string second)
    {
        if (first.Length == 0 || second.Length == 0 || EndsSentence(first))
        {
            return false;
        }
        return char.IsLower(second[0]) || first.EndsWith('-') || first[^1] == ',';
    }

    /// <summary>Joins two halves of one paragraph.</summary>
    public static string Join(string first, string second)
    {
        var sb = new StringBuilder(first.TrimEnd());
        Append(sb, second.TrimStart());
        return sb.ToString();
    }

    /// <summary>Appends wrapped text: a break hyphen before a lowercase letter goes (unless a compound prefix precedes it), else one space (none between CJK characters).</summary>
    public static void Append(StringBuilder sb, string next)
    {
        if (sb.Length == 0)
        {
            sb.Append(next);
            return;
        }
        if (EndsWithBreakHyphen(sb) && next.Length > 0 && char.IsLower(next[0]))
        {
            if (!EndsWithCompoundPrefix(sb))
            {
                sb.Length--;
            }
            sb.Append(next);
            return;
        }
        if (sb[^1] != ' ' && !(next.Length > 0 && Scripts.JoinsWithoutSpace(sb[^1], next[0])))
        {
            sb.Append(' ');
        }
        sb.Append(next);
    }

    // A hyphen after a letter at the end of a line is a break hyphen; "--" and a lone "-" are not.
    private static bool EndsWithBreakHyphen(StringBuilder sb) =>
        sb.Length >= 2 && (sb[^1] == '-' || sb[^1] == '\u2010') && char.IsLetter(sb[^2]);

    private static bool EndsWithCompoundPrefix(StringBuilder sb)
    {
        var end = sb.Length - 1;
        var start = end;
        while (start > 0 && char.IsLetter(sb[start - 1]))
        {
            start--;
        }
        var word = sb.ToString(start, end - start).ToLowerInvariant();
        return Array.IndexOf(CompoundPrefixes, word) >= 0 || (start > 0 && sb[start - 1] == '-');
    }
}
