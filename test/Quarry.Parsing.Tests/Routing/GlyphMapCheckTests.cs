using Quarry.Parsing.Readers;
using Quarry.Parsing.Readers.TextLayer;
using Quarry.Parsing.Routing;
using Quarry.Parsing.Tests.Fixtures.Scripts;
using Quarry.Tests.Shared;
using UglyToad.PdfPig;

namespace Quarry.Parsing.Tests.Routing;

/// <summary>A font whose glyphs map to the wrong characters (custom encoding, no ToUnicode) is not trusted.</summary>
public class GlyphMapCheckTests
{
    private static PageContent FirstPage(string path)
    {
        using var doc = PdfDocument.Open(path);
        return PageContentReader.Read(doc.GetPage(1), 0);
    }

    private static readonly PageContent Garbled = FirstPage(ScriptFixtures.PathOf("garbled-glyph-map"));

    [Fact]
    public void Garbled_font_is_found_and_auto_routes_the_page_to_ocr()
    {
        Assert.Contains(Garbled.Words, w => w.Text == "fðPÞ"); // the fixture does garble
        Assert.True(GlyphMapCheck.Garbled(Garbled));
        Assert.Equal(PageReader.Ocr, PageRouter.Route(RoutingMode.Auto, HybridEffort.Medium, Garbled));
        Assert.Equal(PageReader.Model, PageRouter.Route(RoutingMode.Hybrid, HybridEffort.Medium, Garbled));
    }

    [Fact]
    public void Text_only_marks_the_page_degraded_with_the_reason()
    {
        var doc = ScriptFixtures.Parse("garbled-glyph-map");
        Assert.Equal([GlyphMapCheck.Reason], doc.Pages[0].DegradedReasons);
    }

    [Theory]
    [InlineData("synthetic", "article-1col-7-000")]
    public void Clean_pages_are_not_flagged(string set, string id) =>
        Assert.False(GlyphMapCheck.Garbled(FirstPage(Path.Combine(RepoPaths.Corpus(set), id, "doc.pdf"))));

    [Fact]
    public void Right_to_left_and_cjk_pages_are_trusted()
    {
        foreach (var name in new[] { "rtl-arabic", "rtl-hebrew", "cjk-chinese" })
        {
            Assert.True(TextLayerTrust.Trusted(FirstPage(ScriptFixtures.PathOf(name))), name);
        }
    }
}
