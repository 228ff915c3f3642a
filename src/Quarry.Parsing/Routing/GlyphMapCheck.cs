using Quarry.Parsing.Readers;

namespace Quarry.Parsing.Routing;

/// <summary>
/// Finds fonts whose glyph-to-Unicode map is garbage although every glyph maps to something: old math and
/// symbol fonts without a ToUnicode map, read through a custom encoding, turn <c>f(P) + g(T)</c> into
/// <c>fðPÞ CgðTÞ</c>. Such a font shows itself by Latin-1 letters and signs no running text puts where they
/// stand: an Icelandic eth or thorn inside a word that also holds a capital after its first letter or a digit
/// (<c>fðPÞ</c>; Icelandic words capitalise only their first letter), or alone, and Latin-1 spacing accents
/// and fractions. A font is garbled when at least two of its glyphs, and 2 % of them, are such signs; its
/// words are then all suspect (its <c>=</c> read as <c>Z</c> looks like any letter). One pass over the page's words.
/// </summary>
public static class GlyphMapCheck
{
    /// <summary>The reason a page read by the text layer only is marked degraded with.</summary>
    public const string Reason = "garbled glyph map: a font's glyphs map to the wrong characters (custom encoding without ToUnicode); use --engine auto or ocr to read the page from pixels";

    /// <summary>Characters in words drawn with garbled fonts, and all characters on the page.</summary>
    public static (int Garbled, int Total) Count(PageContent page)
    {
        var perFont = new Dictionary<string, (int Chars, int Signs)>(StringComparer.Ordinal);
        var total = 0;
        foreach (var w in page.Words)
        {
            var signs = Signs(w.Text);
            total += w.Text.Length;
            perFont.TryGetValue(w.FontName, out var c);
            perFont[w.FontName] = (c.Chars + w.Text.Length, c.Signs + signs);
        }
        var garbled = 0;
        foreach (var (chars, signs) in perFont.Values)
        {
            if (signs >= 2 && signs >= 0.02 * chars)
            {
                garbled += chars;
            }
        }
        return (garbled, total);
    }

    /// <summary>True when garbled fonts drew enough of the page (at least 8 characters and 2 %) that its text cannot be trusted.</summary>
    public static bool Garbled(PageContent page)
    {
        var (garbled, total) = Count(page);
        return garbled >= 8 && garbled >= 0.02 * total;
    }

    private static int Signs(string word)
    {
        var signs = 0;
        var icelandic = 0;
        var capitalInside = false;
        for (var i = 0; i < word.Length; i++)
        {
            var c = word[i];
            switch (c)
            {
                case '\u00F0' or '\u00D0' or '\u00FE' or '\u00DE':
                    icelandic++;
                    break;
                case '\u00A4' or '\u00A6' or '\u00A8' or '\u00AF' or '\u00B4' or '\u00B8' or '\u00BC' or '\u00BD' or '\u00BE':
                    signs++;
                    break;
                case (>= 'A' and <= 'Z') or (>= '0' and <= '9') when i > 0:
                    capitalInside = true;
                    break;
            }
        }
        var lone = icelandic > 0 && word.Length <= 2;
        return signs + (capitalInside || lone ? icelandic : 0);
    }
}
