using Quarry.Parsing.Readers;

namespace Quarry.Parsing.Routing;

/// <summary>
/// Decides per page whether its text layer can be trusted. It cannot when there is none (an image input) or
/// its content stream could not be read (the page is empty here), when it has (almost) no text
/// but a large image (a scan), when many glyphs have no Unicode mapping, or when the text is mostly
/// characters no document uses (private-use, control or replacement characters), or when a font's glyphs
/// map to the wrong characters (<see cref="GlyphMapCheck"/>). Costs two passes over the words the text layer already read.
/// </summary>
public static class TextLayerTrust
{
    public static bool Trusted(PageContent page) => page.HasTextLayer && !page.ContentUnreadable && !Garbled(page) && !GlyphMapCheck.Garbled(page);

    private static bool Garbled(PageContent page)
    {
        var chars = 0;
        var garbage = 0;
        foreach (var w in page.Words)
        {
            foreach (var c in w.Text)
            {
                chars++;
                if (char.IsControl(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.PrivateUse or System.Globalization.UnicodeCategory.OtherNotAssigned or System.Globalization.UnicodeCategory.Surrogate)
                {
                    garbage++;
                }
            }
        }
        var pageArea = page.Width * page.Height;
        var imageArea = page.Images.Sum(i => i.Box.Width * i.Box.Height);
        if (chars < 20 && pageArea > 0 && imageArea >= 0.3 * pageArea)
        {
            return true; // a scan: the page is a picture of text
        }
        if (page.UnmappedGlyphs > 20 && page.UnmappedGlyphs > 0.3 * (chars + page.UnmappedGlyphs))
        {
            return true;
        }
        return chars >= 20 && garbage > 0.3 * chars;
    }
}
