using System.Globalization;
using Quarry.Core.Text;

namespace Quarry.Parsing.Text;

/// <summary>
/// Puts a line read in visual order (glyphs left to right, as a PDF draws them) back into logical order with
/// the Unicode bidirectional algorithm (UAX #9) without explicit embeddings: the paragraph direction comes from
/// the line's majority of strong letters; weak and neutral types are resolved (W1–W7, N1–N2), levels given
/// (I1–I2), and runs reversed from the highest level down (L2), so digits and Latin words inside right-to-left
/// text keep their own order. Paired brackets on right-to-left levels are mirrored (L4). The resolution is
/// symmetric enough that running it on visual text yields the logical text, as pdftotext and pdf.js do.
/// </summary>
public static class Bidi
{
    private enum Kind : byte { L, R, AL, EN, ES, ET, AN, CS, NSM, BN, WS, ON }

    /// <summary>True when the text holds a right-to-left letter (the only case that needs reordering).</summary>
    public static bool HasRtl(string s)
    {
        foreach (var c in s)
        {
            if (Scripts.IsRtl(c))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Whether most strong letters of the text are right-to-left (the paragraph direction of UAX #9's P2–P3, by majority).</summary>
    public static bool IsRightToLeft(string text)
    {
        int strongL = 0, strongR = 0;
        foreach (var c in text)
        {
            var kind = KindOf(c);
            strongL += kind == Kind.L ? 1 : 0;
            strongR += kind is Kind.R or Kind.AL ? 1 : 0;
        }
        return strongR > 0 && strongR >= strongL;
    }

    /// <summary>The logical order of a visual-order line; the line itself when it has no right-to-left letter.</summary>
    public static string VisualToLogical(string visual)
    {
        if (!HasRtl(visual))
        {
            return visual;
        }
        var n = visual.Length;
        var kinds = new Kind[n];
        int strongL = 0, strongR = 0;
        for (var i = 0; i < n; i++)
        {
            kinds[i] = KindOf(visual[i]);
            strongL += kinds[i] == Kind.L ? 1 : 0;
            strongR += kinds[i] is Kind.R or Kind.AL ? 1 : 0;
        }
        var level = strongR >= strongL ? 1 : 0;
        var edge = level == 1 ? Kind.R : Kind.L;
        ResolveWeak(kinds, edge);
        ResolveNeutral(kinds, edge, level);
        var levels = new byte[n];
        for (var i = 0; i < n; i++)
        {
            levels[i] = (byte)(level + (kinds[i], level) switch
            {
                (Kind.R, 0) => 1,
                (Kind.AN or Kind.EN, 0) => 2,
                (Kind.L or Kind.AN or Kind.EN, 1) => 1,
                _ => 0,
            });
        }
        // L1: trailing white space takes the paragraph level.
        for (var i = n - 1; i >= 0 && char.IsWhiteSpace(visual[i]); i--)
        {
            levels[i] = (byte)level;
        }
        return Reorder(visual, levels);
    }

    private static void ResolveWeak(Kind[] k, Kind edge)
    {
        var n = k.Length;
        var prev = edge;
        var lastStrong = edge;
        for (var i = 0; i < n; i++)
        {
            if (k[i] == Kind.NSM)
            {
                k[i] = prev; // W1
            }
            if (k[i] == Kind.EN && lastStrong == Kind.AL)
            {
                k[i] = Kind.AN; // W2
            }
            if (k[i] is Kind.L or Kind.R or Kind.AL)
            {
                lastStrong = k[i];
            }
            prev = k[i];
        }
        for (var i = 0; i < n; i++)
        {
            if (k[i] == Kind.AL)
            {
                k[i] = Kind.R; // W3
            }
        }
        for (var i = 1; i < n - 1; i++)
        {
            // W4: one separator between two numbers of the same kind joins them.
            if (k[i] == Kind.ES && k[i - 1] == Kind.EN && k[i + 1] == Kind.EN)
            {
                k[i] = Kind.EN;
            }
            else if (k[i] == Kind.CS && k[i - 1] is Kind.EN or Kind.AN && k[i + 1] == k[i - 1])
            {
                k[i] = k[i - 1];
            }
        }
        for (var i = 0; i < n; i++)
        {
            if (k[i] != Kind.ET)
            {
                continue;
            }
            var end = i;
            while (end < n && k[end] == Kind.ET)
            {
                end++;
            }
            var toNumber = (i > 0 && k[i - 1] == Kind.EN) || (end < n && k[end] == Kind.EN);
            for (var j = i; j < end; j++)
            {
                k[j] = toNumber ? Kind.EN : Kind.ON; // W5, W6
            }
            i = end - 1;
        }
        lastStrong = edge;
        for (var i = 0; i < n; i++)
        {
            if (k[i] is Kind.ES or Kind.CS)
            {
                k[i] = Kind.ON; // W6
            }
            else if (k[i] == Kind.EN && lastStrong == Kind.L)
            {
                k[i] = Kind.L; // W7
            }
            if (k[i] is Kind.L or Kind.R)
            {
                lastStrong = k[i];
            }
        }
    }

    // N1/N2: a run of neutrals between two strong types of one direction takes it (numbers count as R);
    // otherwise the paragraph's direction.
    private static void ResolveNeutral(Kind[] k, Kind edge, int level)
    {
        var n = k.Length;
        for (var i = 0; i < n; i++)
        {
            if (k[i] is not (Kind.WS or Kind.ON or Kind.BN))
            {
                continue;
            }
            var end = i;
            while (end < n && k[end] is Kind.WS or Kind.ON or Kind.BN)
            {
                end++;
            }
            var before = i == 0 ? edge : Direction(k[i - 1]);
            var after = end == n ? edge : Direction(k[end]);
            var resolved = before == after ? before : level == 1 ? Kind.R : Kind.L;
            for (var j = i; j < end; j++)
            {
                k[j] = resolved;
            }
            i = end - 1;
        }
    }

    private static Kind Direction(Kind k) => k is Kind.EN or Kind.AN ? Kind.R : k;

    // L2 and L4: from the highest level down to the lowest odd one, reverse every run at that level or above.
    private static string Reorder(string visual, byte[] levels)
    {
        var n = visual.Length;
        var chars = visual.ToCharArray();
        var max = levels.Max();
        for (var lvl = max; lvl >= 1; lvl--)
        {
            for (var i = 0; i < n; i++)
            {
                if (levels[i] < lvl)
                {
                    continue;
                }
                var end = i;
                while (end < n && levels[end] >= lvl)
                {
                    end++;
                }
                Array.Reverse(chars, i, end - i);
                Array.Reverse(levels, i, end - i);
                i = end - 1;
            }
        }
        for (var i = 0; i < n; i++)
        {
            if ((levels[i] & 1) == 1)
            {
                chars[i] = Mirror(chars[i]);
            }
        }
        // A surrogate pair reversed inside a run comes out low-high: put it back.
        for (var i = 0; i + 1 < n; i++)
        {
            if (char.IsLowSurrogate(chars[i]) && char.IsHighSurrogate(chars[i + 1]))
            {
                (chars[i], chars[i + 1]) = (chars[i + 1], chars[i]);
                i++;
            }
        }
        return new string(chars);
    }

    private static char Mirror(char c) => c switch
    {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '\u00AB' => '\u00BB',
        '\u00BB' => '\u00AB',
        '\uFD3E' => '\uFD3F',
        '\uFD3F' => '\uFD3E',
        _ => c,
    };

    private static Kind KindOf(char c)
    {
        if (c is >= '0' and <= '9' || c is >= '\u06F0' and <= '\u06F9' || c is >= '\u00B2' and <= '\u00B3' || c == '\u00B9')
        {
            return Kind.EN;
        }
        if (c is >= '\u0660' and <= '\u0669' or '\u066B' or '\u066C' || c is >= '\u0600' and <= '\u0605' || c == '\u06DD')
        {
            return Kind.AN;
        }
        var cat = char.GetUnicodeCategory(c);
        if (cat is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark)
        {
            return Kind.NSM;
        }
        if (Scripts.IsRtl(c))
        {
            return c is (>= '\u0590' and <= '\u05FF') or (>= '\u07C0' and <= '\u085F') or (>= '\uFB1D' and <= '\uFB4F') ? Kind.R : Kind.AL;
        }
        return c switch
        {
            '+' or '-' => Kind.ES,
            '#' or '$' or '%' or '\u00B0' or '\u00B1' or '\u066A' or '\u2030' => Kind.ET,
            ',' or '.' or ':' or '/' or '\u00A0' or '\u060C' => Kind.CS,
            _ when cat == UnicodeCategory.CurrencySymbol => Kind.ET,
            _ when char.IsWhiteSpace(c) => Kind.WS,
            _ when cat == UnicodeCategory.Format => Kind.BN,
            _ when char.IsLetterOrDigit(c) || char.IsSurrogate(c) || cat is UnicodeCategory.LetterNumber or UnicodeCategory.SpacingCombiningMark => Kind.L,
            _ => Kind.ON,
        };
    }
}
