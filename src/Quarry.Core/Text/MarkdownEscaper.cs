using System.Text;

namespace Quarry.Core.Text;

/// <summary>Escapes the characters that would change meaning in Markdown prose (DESIGN.md section 2).</summary>
public static class MarkdownEscaper
{
    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny("*_`~$\\") < 0)
        {
            return text;
        }
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is '*' or '_' or '`' or '~' or '$' or '\\')
            {
                sb.Append('\\');
            }
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Undoes <see cref="Escape"/>: text read back from a content list, to be rendered again.</summary>
    public static string Unescape(string text)
    {
        if (!text.Contains('\\', StringComparison.Ordinal))
        {
            return text;
        }
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] is '*' or '_' or '`' or '~' or '$' or '\\')
            {
                i++;
            }
            sb.Append(text[i]);
        }
        return sb.ToString();
    }
}
