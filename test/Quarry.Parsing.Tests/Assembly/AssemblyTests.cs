using Quarry.Core.Model;
using Quarry.Parsing.Assembly;

namespace Quarry.Parsing.Tests.Assembly;

public class AssemblyTests
{
    private static Block Text(string text, double y0, double y1, BlockType type = BlockType.Text, double size = 10) => new()
    {
        Type = type,
        BoundingBox = new BoundingBox(72, y0, 540, y1),
        Text = text,
        FontSize = size,
        Lines = [new Line(new BoundingBox(72, y0, 540, y1), [])],
    };

    private static PageResult Page(int index, params Block[] blocks) => new() { PageIndex = index, Width = 612, Height = 792, Blocks = [.. blocks] };

    [Fact]
    public void Repeated_margin_lines_and_page_numbers_become_furniture()
    {
        var pages = Enumerable.Range(0, 3).Select(i => Page(i,
            Text("Quarterly Review", 30, 40),
            Text($"Body text on page {i}.", 100, 700),
            Text($"{i + 1}", 750, 760))).ToList();
        FurnitureDetector.Apply(pages);
        Assert.All(pages, p => Assert.Single(p.Blocks));
        Assert.All(pages, p => Assert.Equal([BlockType.Header, BlockType.PageNumber], p.Discarded.Select(d => d.Type)));
    }

    [Fact]
    public void A_page_number_above_the_outer_tenth_is_furniture_when_nothing_lies_below_it()
    {
        // Regression: LaTeX's default layout puts the folio at ~88% of the page height.
        var page = Page(0, Text("Body text.", 100, 650), Text("7", 695, 705));
        FurnitureDetector.Apply([page]);
        Assert.Equal(BlockType.PageNumber, Assert.Single(page.Discarded).Type);
    }

    [Fact]
    public void A_running_footer_above_the_page_number_is_furniture_too()
    {
        // Regression: removing the page number used to change the footer's zone mid-way and crash.
        var pages = Enumerable.Range(0, 3).Select(i => Page(i, Text($"Body {i}.", 100, 600), Text("Draft report", 660, 670), Text($"{i + 1}", 695, 705))).ToList();
        FurnitureDetector.Apply(pages);
        Assert.All(pages, p => Assert.Equal([BlockType.Footer, BlockType.PageNumber], p.Discarded.Select(d => d.Type)));
    }

    [Fact]
    public void A_number_in_the_lower_fifth_with_text_below_it_stays_in_the_body()
    {
        var page = Page(0, Text("Body text.", 100, 600), Text("42", 650, 660), Text("More text.", 680, 700));
        FurnitureDetector.Apply([page]);
        Assert.Empty(page.Discarded);
    }

    [Fact]
    public void A_chapter_running_head_in_a_long_document_is_furniture()
    {
        // Regression: in a 30-page document a head repeated on 5 pages (one chapter) is under 30% of pages.
        var pages = Enumerable.Range(0, 30).Select(i => Page(i,
            Text(i < 5 ? "Chapter 1: Setup" : $"Unique head {(char)('A' + i)}{(char)('a' + i)}", 30, 40),
            Text($"Body {i}.", 100, 700))).ToList();
        FurnitureDetector.Apply(pages);
        Assert.All(pages.Take(5), p => Assert.Equal(BlockType.Header, Assert.Single(p.Discarded).Type));
        Assert.All(pages.Skip(5), p => Assert.Equal(2, p.Blocks.Count));
    }

    [Fact]
    public void A_margin_line_seen_once_stays_in_the_body()
    {
        var pages = new List<PageResult> { Page(0, Text("A title near the top", 30, 40), Text("Body.", 100, 700)), Page(1, Text("Body two.", 100, 700)), Page(2, Text("Body three.", 100, 700)) };
        FurnitureDetector.Apply(pages);
        Assert.Equal(2, pages[0].Blocks.Count);
    }

    [Fact]
    public void Heading_levels_follow_size_then_numbering()
    {
        var blocks = new[]
        {
            Text("Document", 0, 1, BlockType.Title, 17),
            Text("1 Intro", 0, 1, BlockType.Title, 14),
            Text("1.1 Scope", 0, 1, BlockType.Title, 12),
            Text("1.1.1 Detail", 0, 1, BlockType.Title, 12),
        };
        HeadingLeveler.Apply(blocks, []);
        Assert.Equal([1, 2, 3, 4], blocks.Select(b => b.Level));
    }

    [Fact]
    public void Outline_levels_win_over_sizes()
    {
        var blocks = new[] { Text("Big but shallow", 0, 1, BlockType.Title, 12), Text("Deep", 0, 1, BlockType.Title, 20) };
        HeadingLeveler.Apply(blocks, [new OutlineEntry("Big but shallow", 0), new OutlineEntry("Deep", 2)]);
        Assert.Equal([1, 3], blocks.Select(b => b.Level));
    }

    [Fact]
    public void Paragraph_broken_by_a_page_is_joined_and_the_tail_marked()
    {
        var pages = new List<PageResult> { Page(0, Text("The sentence goes on to the", 100, 700)), Page(1, Text("next page here.", 80, 120)) };
        ParagraphJoiner.Apply(pages);
        Assert.Equal("The sentence goes on to the next page here.", pages[0].Blocks[0].DocumentText);
        Assert.True(pages[1].Blocks[0].MergedIntoPrevious);
    }

    [Fact]
    public void A_finished_paragraph_is_not_joined_to_the_next()
    {
        var pages = new List<PageResult> { Page(0, Text("Done here.", 100, 700)), Page(1, Text("lowercase start", 80, 120)) };
        ParagraphJoiner.Apply(pages);
        Assert.False(pages[1].Blocks[0].MergedIntoPrevious);
    }

    [Fact]
    public void Table_continued_on_the_next_page_is_merged()
    {
        var first = new Block { Type = BlockType.Table, BoundingBox = new(72, 600, 540, 700), Table = new TableData([["h1", "h2"], ["a", "1"]], 1) };
        var rest = new Block { Type = BlockType.Table, BoundingBox = new(72, 72, 540, 120), Table = new TableData([["b", "2"]], 0) };
        var pages = new List<PageResult> { Page(0, first), Page(1, rest) };
        TableMerger.Apply(pages);
        Assert.Equal(3, first.Table!.Rows.Count);
        Assert.True(rest.MergedIntoPrevious);
    }
}
