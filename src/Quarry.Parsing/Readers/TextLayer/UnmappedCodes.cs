using System.Runtime.CompilerServices;
using UglyToad.PdfPig.PdfFonts;

namespace Quarry.Parsing.Readers.TextLayer;

/// <summary>
/// Tells a glyph that the font does not map to Unicode in a composite (CID) font. PdfPig then gives the raw
/// glyph code as a character (PDFBox's old fallback), so a Persian word reads <c>فارسͳ</c>: XeTeX's
/// ToUnicode map leaves out the contextual forms its shaper made up (a final Farsi yeh, a medial keheh).
/// Such a code is nothing a reader can use; it is read as pdftotext reads it, as no character.
/// </summary>
internal static class UnmappedCodes
{
    // What each composite font can map to, built once per font per document (fonts are shared by its pages).
    private static readonly ConditionalWeakTable<IFont, Mapped> Cache = new();

    /// <summary>The characters the font maps some code to; null when every value is trusted as is.</summary>
    public static Mapped? Of(IFont? font)
    {
        // Only composite fonts: their two-byte codes are glyph ids, not characters. PdfPig's class is internal.
        if (font is null || font.GetType().Name != "Type0Font")
        {
            return null;
        }
        var mapped = Cache.GetValue(font, Build);
        return mapped.IsEmpty ? null : mapped;
    }

    private static Mapped Build(IFont font)
    {
        var chars = new HashSet<char>();
        for (var code = 0; code <= 0xFFFF; code++)
        {
            if (font.TryGetUnicode(code, out var value))
            {
                foreach (var c in value)
                {
                    chars.Add(c);
                }
            }
        }
        return new Mapped(chars);
    }

    /// <summary>The characters a font's map yields; any other character came from no map.</summary>
    internal sealed class Mapped(HashSet<char> chars)
    {
        public bool IsEmpty => chars.Count == 0;

        /// <summary>
        /// The value without the characters no code maps to. PdfPig folds a combining mark into the letter before
        /// it, an unmapped one too (<c>تͬ</c>), so a glyph's value can hold a mapped base and an unmapped mark.
        /// </summary>
        public string Strip(string value)
        {
            var kept = 0;
            foreach (var c in value)
            {
                kept += chars.Contains(c) ? 1 : 0;
            }
            if (kept == value.Length)
            {
                return value;
            }
            return kept == 0 ? "" : string.Concat(value.Where(chars.Contains));
        }
    }
}
