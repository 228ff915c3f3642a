using System.Text;

namespace Quarry.Parsing.Layout.Equations;

/// <summary>
/// Joins LaTeX tokens the way people write them: spaces around operators and relations on the main line
/// (<c>a + b = c</c>), none between ordinary atoms (<c>2ac</c>, <c>f(x)</c>) nor inside scripts
/// (<c>\sum_{k=1}^{n}</c>); a space only where a command would otherwise run into a letter.
/// </summary>
internal static class LatexText
{
    public static string Join(IReadOnlyList<string> tokens, bool spaced)
    {
        var sb = new StringBuilder();
        string? previous = null;
        var sign = false; // a minus at the start, or after an operator or an opening bracket, is written flush: "-b", "(-1)"
        foreach (var t in tokens)
        {
            if (t.Length == 0)
            {
                continue;
            }
            if (previous is not null && NeedsSpace(sb, previous, t, spaced, sign))
            {
                sb.Append(' ');
            }
            sb.Append(t);
            sign = t is "-" or "+" && (previous is null or "(" or "[" || !IsOrdinary(previous));
            previous = t;
        }
        return sb.ToString();
    }

    private static bool NeedsSpace(StringBuilder before, string previous, string next, bool spaced, bool previousIsSign)
    {
        if (EndsWithCommand(before) && char.IsAsciiLetter(next[0]))
        {
            return true; // "\alpha x", not "\alphax"
        }
        if (!spaced || next is "," or ";" || previous is "(" or "[" || next is ")" or "]")
        {
            return false;
        }
        return !previousIsSign && (!IsOrdinary(next) || !IsOrdinary(previous));
    }

    // An atom that people write flush against its neighbours: a letter, digit, bracket, prime, a styled
    // letter (\mathbf{v}), a Greek letter, a fraction or root; operators, relations and big operators are spaced.
    private static bool IsOrdinary(string token)
    {
        var c = token[0];
        if (char.IsAsciiLetterOrDigit(c) || c is '(' or ')' or '[' or ']' or '!' or '\'' or '|' or '.')
        {
            return true;
        }
        if (c != '\\')
        {
            return false;
        }
        var name = Command(token);
        return name is "mathbf" or "mathbb" or "mathcal" or "mathfrak" or "frac" or "sqrt" or "partial" or "infty" or "nabla" or "ell" or "hbar"
            or "{" or "}" or "|" or "langle" or "rangle" or "dots" or "cdots"
            || (name.Length > 1 && Greek.Contains(name.ToLowerInvariant()));
    }

    private static readonly HashSet<string> Greek =
    [
        "alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "vartheta", "iota", "kappa", "lambda", "mu", "nu",
        "xi", "pi", "varpi", "rho", "varrho", "sigma", "varsigma", "tau", "upsilon", "phi", "varphi", "chi", "psi", "omega",
    ];

    private static string Command(string token)
    {
        var n = 1;
        while (n < token.Length && char.IsAsciiLetter(token[n]))
        {
            n++;
        }
        return n == 1 && token.Length > 1 ? token[1].ToString() : token[1..n];
    }

    private static bool EndsWithCommand(StringBuilder sb)
    {
        var i = sb.Length - 1;
        while (i >= 0 && char.IsAsciiLetter(sb[i]))
        {
            i--;
        }
        return i >= 0 && i < sb.Length - 1 && sb[i] == '\\';
    }
}
