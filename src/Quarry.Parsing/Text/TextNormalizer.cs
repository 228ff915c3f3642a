using System.Text;
using Quarry.Core.Text;

namespace Quarry.Parsing.Text;

/// <summary>Normalizes extracted glyph text: ligatures expanded, odd spaces folded, typographic quotes kept plain, Arabic and Hebrew presentation forms as base letters.</summary>
public static class TextNormalizer
{
    /// <summary>Normalizes one glyph's Unicode value; returns empty for glyphs that carry nothing.</summary>
    public static string Glyph(string value)
    {
        if (value.Length == 1)
        {
            var c = value[0];
            return c switch
            {
                '\uFB00' => "ff",
                '\uFB01' => "fi",
                '\uFB02' => "fl",
                '\uFB03' => "ffi",
                '\uFB04' => "ffl",
                '\uFB05' or '\uFB06' => "st",
                '\u2018' or '\u2019' or '\u201B' or '\u2032' => "'",
                '\u201C' or '\u201D' or '\u201F' or '\u2033' => "\"",
                '\u00A0' or '\u2002' or '\u2003' or '\u2009' or '\u200A' or '\u202F' => " ",
                '\u00AD' or '\u200B' or '\uFEFF' or '\uFFFD' => "",
                '\u2212' => "-",
                _ when char.IsControl(c) => "",
                _ when PresentationForms.InRange(c) => PresentationForms.Fold(c) ?? value,
                _ => value,
            };
        }
        if (value.Length == 0)
        {
            return value;
        }
        var sb = new StringBuilder(value.Length);
        foreach (var ch in value)
        {
            sb.Append(Glyph(ch.ToString()));
        }
        return sb.ToString();
    }

    /// <summary>
    /// Full-width forms (U+FF01–U+FF5E) and the ideographic space and punctuation as their ASCII
    /// equivalents. Done by hand: string.Normalize is a no-op under invariant globalization.
    /// </summary>
    public static string FoldWidth(string s)
    {
        if (!s.Any(c => c >= '\u3000'))
        {
            return s;
        }
        var chars = s.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = chars[i] switch
            {
                >= '\uFF01' and <= '\uFF5E' => (char)(chars[i] - 0xFEE0),
                '\u3000' => ' ',
                '\u3001' => ',',
                '\u3002' => '.',
                var c => c,
            };
        }
        return new string(chars);
    }

    /// <summary>Joins wrapped lines into one paragraph, removing end-of-line hyphens before a lowercase letter.</summary>
    public static string JoinLines(IEnumerable<string> lines)
    {
        var sb = new StringBuilder();
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }
            Continuation.Append(sb, line);
        }
        return sb.ToString();
    }

    /// <summary>Collapses runs of whitespace to one space.</summary>
    public static string FoldSpaces(string s)
    {
        var sb = new StringBuilder(s.Length);
        var space = false;
        foreach (var c in s)
        {
            if (char.IsWhiteSpace(c))
            {
                space = sb.Length > 0;
                continue;
            }
            if (space)
            {
                sb.Append(' ');
                space = false;
            }
            sb.Append(c);
        }
        return sb.ToString();
    }
}
