namespace Quarry.Parsing.Readers;

/// <summary>What a font's name says about its style. TeX fonts often lack the bold flag, so names matter.</summary>
[Flags]
public enum FontTraits
{
    None = 0,
    Bold = 1,
    Italic = 2,
    Monospace = 4,
    Math = 8,
}

public static class FontTraitReader
{
    private static readonly string[] BoldMarks = ["bold", "black", "heavy", "semibold", "demi", "-bx", "cmbx", "lmroman10-bold", ",b", "-b"];
    private static readonly string[] ItalicMarks = ["italic", "oblique", "-it", "cmti", "slanted"];
    private static readonly string[] MonoMarks = ["mono", "courier", "typewriter", "consol", "cmtt", "sftt", "code", "menlo", "inconsolata", "lmtypewriter"];
    private static readonly string[] MathMarks = ["cmmi", "cmsy", "cmex", "lmmath", "msam", "msbm", "math", "rsfs", "esint", "stix", "symbol"];

    /// <summary>Strips a subset tag (<c>ABCDEF+</c>) and reads traits from the rest of the name.</summary>
    public static FontTraits Read(string? fontName, bool boldFlag, bool italicFlag)
    {
        var traits = FontTraits.None;
        if (boldFlag)
        {
            traits |= FontTraits.Bold;
        }
        if (italicFlag)
        {
            traits |= FontTraits.Italic;
        }
        if (string.IsNullOrEmpty(fontName))
        {
            return traits;
        }
        var plus = fontName.IndexOf('+', StringComparison.Ordinal);
        var name = (plus == 6 ? fontName[(plus + 1)..] : fontName).ToLowerInvariant();
        if (ContainsAny(name, BoldMarks))
        {
            traits |= FontTraits.Bold;
        }
        if (ContainsAny(name, ItalicMarks))
        {
            traits |= FontTraits.Italic;
        }
        if (ContainsAny(name, MonoMarks))
        {
            traits |= FontTraits.Monospace;
        }
        if (ContainsAny(name, MathMarks))
        {
            traits |= FontTraits.Math;
        }
        return traits;
    }

    private static bool ContainsAny(string name, string[] marks)
    {
        foreach (var m in marks)
        {
            if (name.Contains(m, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }
}
