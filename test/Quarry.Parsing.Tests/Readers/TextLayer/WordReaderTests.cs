using Quarry.Core.Writers;
using Quarry.Parsing.Pipeline;
using Quarry.Parsing.Tests.Fixtures.Scripts;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Quarry.Parsing.Tests.Readers.TextLayer;

/// <summary>Words built from glyphs the way producers really draw them: leftwards, over spaces, twice for bold.</summary>
public class WordReaderTests
{
    [Fact]
    public void Arabic_glyphs_drawn_leftwards_in_logical_order_make_whole_words() =>
        // LuaTeX draws each right-to-left glyph left of the one before: read one by one, every letter was a word.
        Assert.Equal("كتب الجاحظ كتاب الحيوان في البصرة.", ScriptFixtures.Markdown("rtl-leftward"));

    [Fact]
    public void Short_vocalised_words_drawn_leftwards_read_forwards() =>
        // A narrow first letter (feh, alef) under a wide second one (yeh, waw) once gave the word no direction,
        // so LuaTeX's two-letter words came out backwards (يِف for فِي). Marks stay in drawing order (shadda, kasra).
        Assert.Equal("وَفِي أَيِّ مَكَانٍ؟ فَلَا يَزَالُ فِي هٰذَا أَوْ ذَاكَ.", ScriptFixtures.Markdown("rtl-leftward-marks"));

    [Fact]
    public void Tightly_set_persian_words_stay_apart() =>
        // Words 0.13 em apart: under the Latin word gap, over any gap inside an Arabic-script word.
        Assert.Equal("کسی کو خرد را ندارد ز پیش دلش گردد از کرده خویش ریش", ScriptFixtures.Markdown("rtl-tight"));

    [Fact]
    public void Glyphs_the_font_maps_to_no_character_are_read_as_none() =>
        // The final yeh and the medial gaf have no ToUnicode entry: PdfPig gives their glyph ids as characters
        // (ɔ, Ƒ); they are dropped and part the word where they stood, as pdftotext reads them.
        Assert.Equal("سبک فارس در دانش اه", ScriptFixtures.Markdown("rtl-unmapped"));

    [Fact]
    public void A_space_glyph_that_the_next_glyph_is_drawn_over_does_not_split_the_word() =>
        Assert.Equal("polyglossia and kvoptions", Parse(page =>
        {
            var (p, font) = page;
            // "poly", then a space glyph, then "glossia" drawn from where the space began (the producer stepped back).
            var afterPoly = Draw(p, font, "poly ", 72);
            Draw(p, font, "glossia", afterPoly.SpaceStart);
            Draw(p, font, "and kvoptions", afterPoly.SpaceStart + 60);
        }));

    [Fact]
    public void A_space_glyph_followed_by_text_after_it_still_splits() =>
        Assert.Equal("poly glossia", Parse(page =>
        {
            var (p, font) = page;
            var end = Draw(p, font, "poly ", 72);
            Draw(p, font, "glossia", end.End);
        }));

    [Fact]
    public void A_word_drawn_twice_on_itself_for_bold_is_read_once() =>
        Assert.Equal("Overprinted heading", Parse(page =>
        {
            var (p, font) = page;
            Draw(p, font, "Overprinted heading", 72);
            Draw(p, font, "Overprinted heading", 72.3);
        }));

    [Fact]
    public void Glyphs_drawn_twice_one_by_one_for_bold_are_read_once() =>
        Assert.Equal("Bold", Parse(page =>
        {
            var (p, font) = page;
            var x = 72.0;
            foreach (var c in "Bold")
            {
                Draw(p, font, c.ToString(), x + 0.3);
                x = Draw(p, font, c.ToString(), x).End;
            }
        }));

    private static (double SpaceStart, double End) Draw(PdfPageBuilder page, PdfDocumentBuilder.AddedFont font, string text, double x)
    {
        var letters = page.AddText(text, 12, new PdfPoint(x, 700), font);
        var last = letters[^1];
        return (last.StartBaseLine.X, last.EndBaseLine.X);
    }

    private static string Parse(Action<(PdfPageBuilder, PdfDocumentBuilder.AddedFont)> draw)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(612, 792);
        draw((page, font));
        var doc = DocumentParser.Parse(builder.Build(), "words", "txt", new ParseOptions());
        return MarkdownWriter.Write(doc).Trim();
    }
}
