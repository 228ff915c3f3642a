using System.Text;

namespace Quarry.Parsing.Readers.Model.PostProcessing;

/// <summary>
/// Python's string semantics where they differ from .NET's, so the post-processing gives mineru-vl-utils'
/// results character for character: <c>str.isspace</c> also counts U+001C–U+001F, which .NET does not.
/// </summary>
internal static class PyText
{
    /// <summary>Python regex <c>\s</c> on str patterns (.NET's <c>\s</c> plus U+001C–U+001F), for use inside a class.</summary>
    public const string SpaceClass = @"\s\x1c-\x1f";

    public static bool IsSpace(char c) => char.IsWhiteSpace(c) || (c >= '\x1c' && c <= '\x1f');

    /// <summary><c>str.strip()</c>.</summary>
    public static string Strip(string s)
    {
        var start = 0;
        var end = s.Length;
        while (start < end && IsSpace(s[start]))
        {
            start++;
        }
        while (end > start && IsSpace(s[end - 1]))
        {
            end--;
        }
        return s[start..end];
    }

    /// <summary><c>not s.strip()</c>: empty or whitespace only.</summary>
    public static bool IsBlank(string s)
    {
        foreach (var c in s)
        {
            if (!IsSpace(c))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary><c>str.count(sub)</c>: non-overlapping occurrences.</summary>
    public static int Count(string s, string sub)
    {
        var n = 0;
        for (var i = s.IndexOf(sub, StringComparison.Ordinal); i >= 0; i = s.IndexOf(sub, i + sub.Length, StringComparison.Ordinal))
        {
            n++;
        }
        return n;
    }

    /// <summary><c>html.escape(s, quote=True)</c>.</summary>
    public static string HtmlEscape(string s)
    {
        var sb = new StringBuilder(s.Length + 16);
        foreach (var c in s)
        {
            sb.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#x27;",
                _ => c.ToString(),
            });
        }
        return sb.ToString();
    }
}
