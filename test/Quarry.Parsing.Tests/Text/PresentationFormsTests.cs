using Quarry.Parsing.Text;

namespace Quarry.Parsing.Tests.Text;

/// <summary>Arabic and Hebrew presentation forms fold to base letters, as NFKC and pdftotext do.</summary>
public class PresentationFormsTests
{
    [Theory]
    [InlineData("\uFEFB", "\u0644\u0627")] // lam-alef ligature: two letters
    [InlineData("\uFE8D", "\u0627")] // alef, isolated
    [InlineData("\uFEE0", "\u0644")] // lam, medial
    [InlineData("\uFB2A", "\u05E9\u05C1")] // shin with shin dot
    [InlineData("\uFDF2", "\u0627\u0644\u0644\u0647")] // the Allah ligature
    [InlineData("\u0627", "\u0627")] // a base letter stays
    public void Glyph_folds_presentation_forms(string glyph, string expected) =>
        Assert.Equal(expected, TextNormalizer.Glyph(glyph));
}
