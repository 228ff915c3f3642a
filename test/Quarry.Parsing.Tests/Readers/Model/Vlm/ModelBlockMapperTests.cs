using Quarry.Core.Model;
using Quarry.Parsing.Readers.Model;
using Quarry.Parsing.Readers.Model.Vlm;

namespace Quarry.Parsing.Tests.Readers.Model.Vlm;

public sealed class ModelBlockMapperTests
{
    private static ModelOutputBlock B(string type, string? content, double y0 = 0.1, double y1 = 0.2) =>
        new() { Type = type, X0 = 0.1, Y0 = y0, X1 = 0.9, Y1 = y1, Content = content };

    [Fact]
    public void Text_splits_into_inline_equation_spans_in_page_points()
    {
        var block = ModelBlockMapper.ToBlock(B("text", @"The energy \( E = mc^2 \) and \(p\) \(q\) hold."), 600, 800)!;

        Assert.Equal(BlockType.Text, block.Type);
        Assert.Equal(new BoundingBox(60, 80, 540, 160), block.BoundingBox);
        var spans = Assert.Single(block.Lines).Spans;
        Assert.Equal(
            [(SpanType.Text, "The energy "), (SpanType.InlineEquation, "E = mc^2"), (SpanType.Text, " and "), (SpanType.InlineEquation, "p"), (SpanType.InlineEquation, "q"), (SpanType.Text, " hold.")],
            spans.Select(s => (s.Type, s.Content)));
        Assert.Equal("The energy $E = mc^2$ and $p$ $q$ hold.", block.Text);
    }

    [Fact]
    public void Unbalanced_delimiters_leave_text_whole_and_leftover_display_brackets_become_square_brackets()
    {
        Assert.Equal(@"see \(x and", ModelBlockMapper.ToBlock(B("text", @"see \(x and"), 1, 1)!.Text);
        Assert.Equal("cited [12] and [3]", ModelBlockMapper.ToBlock(B("ref_text", @"cited \[12\] and \[3\]"), 1, 1)!.Text);
    }

    [Fact]
    public void Equations_lose_display_delimiters_and_code_loses_fences()
    {
        Assert.Equal(@"a^2+b^2", ModelBlockMapper.ToBlock(B("equation", "\\[\na^2+b^2\n\\]"), 1, 1)!.Text);
        var code = ModelBlockMapper.ToBlock(B("code", "```python\nprint(1)\n```"), 1, 1)!;
        Assert.Equal((BlockType.Code, "print(1)"), (code.Type, code.Text));
    }

    [Theory]
    [InlineData("doc_title", BlockType.Title)]
    [InlineData("paragraph_title", BlockType.Title)]
    [InlineData("list_item", BlockType.Text)]
    [InlineData("header", BlockType.Header)]
    [InlineData("footer", BlockType.Footer)]
    [InlineData("page_number", BlockType.PageNumber)]
    [InlineData("page_footnote", BlockType.PageFootnote)]
    [InlineData("aside_text", BlockType.AsideText)]
    [InlineData("algorithm", BlockType.Code)]
    [InlineData("chart", BlockType.Image)]
    public void Labels_map_to_quarry_types(string label, BlockType expected) =>
        Assert.Equal(expected, ModelBlockMapper.ToBlock(B(label, "x"), 1, 1)!.Type);

    [Fact]
    public void Tables_keep_their_html_and_titles_one_line()
    {
        var table = ModelBlockMapper.ToBlock(B("table", "<table><tr><td>1</td></tr></table>"), 1, 1)!;
        Assert.Equal("<table><tr><td>1</td></tr></table>", table.TableHtml);
        Assert.Equal("A long title", ModelBlockMapper.ToBlock(B("title", "A long\n  title"), 1, 1)!.Text);
    }

    [Fact]
    public void Captions_and_footnotes_bind_to_the_nearest_matching_visual_and_containers_vanish()
    {
        var blocks = ModelBlockMapper.Map(
        [
            B("table_caption", "Table 1: Sizes", 0.10, 0.12),
            B("table", "<table></table>", 0.13, 0.40),
            B("table_footnote", "* estimated", 0.41, 0.43),
            B("image", null, 0.50, 0.80),
            B("image_caption", "Figure 1: A cat", 0.81, 0.83),
            B("list", null, 0.85, 0.95),
            B("code_caption", "Listing 1", 0.96, 0.97),
        ], 100, 100);

        Assert.Equal([BlockType.Table, BlockType.Image, BlockType.Text], blocks.Select(b => b.Type));
        Assert.Equal(["Table 1: Sizes"], blocks[0].Captions);
        Assert.Equal(["* estimated"], blocks[0].Footnotes);
        Assert.Equal(["Figure 1: A cat"], blocks[1].Captions);
        Assert.Equal("Listing 1", blocks[2].Text); // no code block to bind to: kept as text
    }
}
