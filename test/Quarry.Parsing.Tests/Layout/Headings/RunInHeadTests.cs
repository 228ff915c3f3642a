using Quarry.Core.Model;
using Quarry.Parsing.Pipeline;
using Quarry.Tests.Shared;

namespace Quarry.Parsing.Tests.Layout.Headings;

/// <summary>
/// Run-in heads on pdflatex output (runin.tex beside this file): a bold or italic run that opens a paragraph and is
/// set off by a 1 em gap or a full stop becomes a title of its own; emphasis that starts an ordinary sentence, and
/// lead-in labels ("Note.", "Theorem 1."), stay in the paragraph. A short italic line over regular text is a heading
/// ("Storage limits"); an italic sentence on its own line is not.
/// </summary>
public class RunInHeadTests
{
    private static readonly ParsedDocument Doc = DocumentParser.Parse(
        File.ReadAllBytes(Path.Combine(RepoPaths.Root, "test", "Quarry.Parsing.Tests", "Layout", "Headings", "runin.pdf")),
        "runin", "txt", new ParseOptions { Crops = false });

    [Fact]
    public void Bold_and_italic_run_in_heads_become_titles_and_their_paragraphs_keep_the_rest_of_the_line()
    {
        var titles = Doc.BodyBlocks.Where(b => b.Type == BlockType.Title).Select(b => b.Text).ToList();
        Assert.Equal(["1 Storage rules", "1.1 Opening hours", "1.1.1 Weekend access", "Quiet areas.", "Storage limits"], titles);
        Assert.Contains(Doc.BodyBlocks, b => b.Type == BlockType.Text && b.Text.StartsWith("The storage room opens", StringComparison.Ordinal));
        Assert.Contains(Doc.BodyBlocks, b => b.Type == BlockType.Text && b.Text.StartsWith("Members may ask", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Perhaps the most common question")]
    [InlineData("Note. Keys that are lost")]
    [InlineData("Theorem 1. Every key")]
    [InlineData("Bold words may also start")]
    [InlineData("The room was full.")]
    public void Emphasis_at_a_paragraph_start_that_heads_nothing_stays_text(string start) =>
        Assert.Contains(Doc.BodyBlocks, b => b.Type == BlockType.Text && b.Text.StartsWith(start, StringComparison.Ordinal));

    [Fact]
    public void A_run_in_head_sits_one_level_below_the_numbered_heading_above_it()
    {
        var levels = Doc.BodyBlocks.Where(b => b.Type == BlockType.Title).ToDictionary(b => b.Text, b => b.Level);
        Assert.True(levels["1.1.1 Weekend access"] > levels["1.1 Opening hours"]);
        Assert.True(levels["1.1 Opening hours"] > levels["1 Storage rules"]);
    }
}
