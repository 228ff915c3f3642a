namespace Quarry.Parsing.Layout.Equations;

/// <summary>What a TeX font's name says about the glyphs drawn with it in a formula.</summary>
internal enum MathAlphabet
{
    Text,
    Italic,
    Symbol,
    Extension,
    Blackboard,
    Fraktur,
    Bold,
}

internal static class MathFonts
{
    // Every glyph of a math page asks for its font's alphabet, and a document has a few dozen fonts: read
    // each name once. Bounded, so a document with endless font names cannot grow it without limit.
    private const int MaxCached = 4096;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, MathAlphabet> Cache = new(StringComparer.Ordinal);

    /// <summary>Reads the alphabet from a font name (subset tag ignored): cmmi/cmsy/cmex/msbm/eufm/cmbx and their Latin Modern kin.</summary>
    public static MathAlphabet Alphabet(string font)
    {
        if (Cache.TryGetValue(font, out var known))
        {
            return known;
        }
        var alphabet = Read(font);
        if (Cache.Count < MaxCached)
        {
            Cache.TryAdd(font, alphabet);
        }
        return alphabet;
    }

    private static MathAlphabet Read(string font)
    {
        var plus = font.IndexOf('+', StringComparison.Ordinal);
        var name = plus == 6 ? font.AsSpan(7) : font.AsSpan();
        if (Has(name, "msbm") || Has(name, "bbold") || Has(name, "dsrom"))
        {
            return MathAlphabet.Blackboard;
        }
        if (Has(name, "eufm") || Has(name, "eufb"))
        {
            return MathAlphabet.Fraktur;
        }
        if (Has(name, "cmex") || Has(name, "lmex") || Has(name, "esint"))
        {
            return MathAlphabet.Extension;
        }
        if (Has(name, "cmsy") || Has(name, "lmsy") || Has(name, "msam") || Has(name, "cmbsy") || Has(name, "rsfs"))
        {
            return MathAlphabet.Symbol;
        }
        if (Has(name, "cmmi") || Has(name, "lmmi") || Has(name, "math"))
        {
            return MathAlphabet.Italic;
        }
        if (Has(name, "cmbx") || Has(name, "bold"))
        {
            return MathAlphabet.Bold;
        }
        return MathAlphabet.Text;
    }

    /// <summary>True for the fonts only formulas use: evidence of math, unlike italic text.</summary>
    public static bool IsMath(MathAlphabet a) => a is not (MathAlphabet.Text or MathAlphabet.Bold);

    private static bool Has(ReadOnlySpan<char> name, string mark) => name.Contains(mark, StringComparison.OrdinalIgnoreCase);
}
