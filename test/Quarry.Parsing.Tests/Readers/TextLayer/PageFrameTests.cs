using Quarry.Parsing.Readers;
using Quarry.Parsing.Readers.TextLayer;
using Quarry.Tests.Shared;
using UglyToad.PdfPig;

namespace Quarry.Parsing.Tests.Readers.TextLayer;

/// <summary>
/// Page space is the page as displayed: origin at the top-left of the crop box, turned by /Rotate. PdfPig
/// already reports positions relative to the crop box and turned, so the reader must not shift them again
/// (it did: a heading at user x 172 on a page whose box starts at x 100 came out at x −28).
/// </summary>
public sealed class PageFrameTests
{
    private static PageContent Read(string mediaBox)
    {
        // One word with its baseline at user (172, 700) and a horizontal rule at user y 600 from x 172 to 372.
        var content = TestPdf.Text("Hello", 700).Replace("72 700", "172 700", StringComparison.Ordinal) + "172 600 m 372 600 l S\n";
        using var doc = PdfDocument.Open(new TestPdf().AddPage(content, mediaBox: mediaBox).ToBytes());
        return PageContentReader.Read(doc.GetPage(1), 0);
    }

    [Fact]
    public void A_box_that_does_not_start_at_the_origin_is_measured_from_its_own_corner()
    {
        var page = Read("100 50 712 842");
        Assert.Equal((612, 792), (page.Width, page.Height));
        var word = Assert.Single(page.Words);
        Assert.Equal(72, word.Box.X0, 1);
        Assert.Equal(842 - 700, word.Baseline, 1);
        var rule = Assert.Single(page.Rulings);
        Assert.Equal((72, 272), (Math.Round(rule.Box.X0), Math.Round(rule.Box.X1)));
        Assert.Equal(842 - 600, rule.Box.CenterY, 1);
    }

    [Fact]
    public void A_page_turned_by_rotate_90_is_read_the_way_its_text_runs()
    {
        // Displayed turned, its text would run down the page; it is read turned back, so the text runs left
        // to right again: the page as drawn in user space (issue 12, rotated tables one letter per cell).
        var page = Read("0 0 612 792] /Rotate 90 /X [");
        Assert.Equal((612, 792), (page.Width, page.Height));
        var rule = Assert.Single(page.Rulings);
        Assert.Equal(792 - 600, rule.Box.CenterY, 1);
        Assert.Equal((172, 372), (Math.Round(rule.Box.X0), Math.Round(rule.Box.X1)));
        var word = Assert.Single(page.Words);
        Assert.Equal("Hello", word.Text);
        Assert.Equal(172, word.Box.X0, 1);
        Assert.Equal(792 - 700, word.Baseline, 1);
    }
}
