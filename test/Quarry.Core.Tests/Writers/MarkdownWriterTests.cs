using Quarry.Core.Model;
using Quarry.Core.Text;
using Quarry.Core.Writers;

namespace Quarry.Core.Tests.Writers;

public class MarkdownWriterTests
{
    [Theory]
    [InlineData("a*b_c`d~e$f", @"a\*b\_c\`d\~e\$f")]
    [InlineData(@"back\slash", @"back\\slash")]
    [InlineData("plain text", "plain text")]
    public void Escapes_markdown_characters_in_prose(string input, string expected) =>
        Assert.Equal(expected, MarkdownEscaper.Escape(input));

    [Fact]
    public void Furniture_and_merged_blocks_stay_out_of_markdown()
    {
        var md = MarkdownWriter.Write(SampleDocument.Create());
        Assert.DoesNotContain("Running Head", md, StringComparison.Ordinal);
        Assert.Contains(@"A paragraph with \*stars\* and \$5 that continues here.", md, StringComparison.Ordinal);
        Assert.Single(md.Split("continues here.").Skip(1));
    }

    [Fact]
    public void Titles_use_their_level_and_clamp_to_six()
    {
        var block = new Block { Type = BlockType.Title, BoundingBox = default, Text = "Deep", Level = 9 };
        Assert.Equal("###### Deep", MarkdownWriter.Render(block));
    }

    [Fact]
    public void Tables_render_html_with_caption_first_and_encoded_cells()
    {
        var md = MarkdownWriter.Write(SampleDocument.Create());
        Assert.Contains("Table 1: Values\n<table><thead><tr><th>Name</th><th>Value</th></tr></thead><tbody><tr><td>a &lt; b</td>", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_document_writes_empty_markdown() =>
        Assert.Equal("", MarkdownWriter.Write(new ParsedDocument { Basename = "x", Pages = [] }));

    [Fact]
    public void A_blank_line_separates_table_html_from_its_footnotes()
    {
        var md = MarkdownWriter.Write(SampleDocument.Create());
        // Without it a Markdown renderer reads the footnote as part of the HTML block.
        Assert.Contains("</table>\n\nSource: the\\_survey", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Code_shows_its_caption_above_the_fence_and_defaults_to_txt()
    {
        var md = MarkdownWriter.Write(SampleDocument.Create());
        Assert.Contains("Listing 1: Setup  \n```js\nlet x = 1;\n  y()\n```", md, StringComparison.Ordinal);
        Assert.Equal("```txt\nrun\n```", MarkdownWriter.Render(new Block { Type = BlockType.Code, BoundingBox = default, Text = "run   " }));
    }
}
