using System.Globalization;
using Quarry.Core.Model;
using Quarry.Parsing.Pipeline;
using Quarry.Tests.Shared;

namespace Quarry.Parsing.Tests.Assembly;

/// <summary>Slides keep one title each: the frame title, not the navigation bar, a large bullet head or the footline.</summary>
public class SlideTitlesTests
{
    private static string Line(string text, double size, double x, double y) =>
        string.Create(CultureInfo.InvariantCulture, $"BT /F1 {size} Tf {x} {y} Td ({text}) Tj ET\n");

    /// <summary>A beamer-like page: a three-line section list at the top (same on every page), the frame title,
    /// a larger-than-body block head, body text, and a footline with the page number.</summary>
    private static string Slide(int n, double height) =>
        Line("Motivation", 6, 40, height - 8) + Line("Results", 6, 40, height - 15) + Line("Summary", 6, 40, height - 22)
        + Line($"Frame title number {n}", 14, 12, height - 45)
        + Line($"Main result {n}", 13, 30, height - 90)
        + Line("The first point of this slide is stated here.", 10, 30, height - 110)
        + Line("A second point follows it on the next line.", 10, 30, height - 123)
        + Line("A third point closes the list on this slide.", 10, 30, height - 136)
        + Line($"Author - Short Title {n}", 6, 130, 5);

    private static ParsedDocument Parse(string mediaBox, double height)
    {
        var pdf = new TestPdf();
        for (var i = 1; i <= 5; i++)
        {
            pdf.AddPage(Slide(i, height), mediaBox: mediaBox);
        }
        return DocumentParser.Parse(pdf.ToBytes(), "deck", "txt", new ParseOptions { Crops = false });
    }

    [Fact]
    public void A_4_by_3_deck_has_one_title_per_slide_and_it_is_the_frame_title()
    {
        var doc = Parse("0 0 363 272", 272);
        for (var i = 0; i < doc.Pages.Count; i++)
        {
            var titles = doc.Pages[i].Blocks.Where(b => b.Type == BlockType.Title).ToList();
            Assert.Equal($"Frame title number {i + 1}", Assert.Single(titles).Text);
            Assert.Contains(doc.Pages[i].Blocks, b => b.Type == BlockType.Text && b.Text.Contains("Main result", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_16_by_9_deck_is_a_deck_too()
    {
        var doc = Parse("0 0 455 256", 256);
        Assert.All(doc.Pages, p => Assert.Single(p.Blocks, b => b.Type == BlockType.Title));
    }

    [Fact]
    public void A_portrait_page_with_the_same_text_keeps_its_larger_block_head_as_a_heading()
    {
        // The geometry gate: a Letter page is no slide, so its larger "Main result" line stays a title.
        var doc = Parse("0 0 612 792", 792);
        Assert.Contains(doc.BodyBlocks, b => b.Type == BlockType.Title && b.Text == "Main result 1");
    }
}
