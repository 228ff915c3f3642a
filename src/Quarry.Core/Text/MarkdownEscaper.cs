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
}
