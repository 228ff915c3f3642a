using Quarry.Core.Model;
using Quarry.Parsing.Pipeline;
using Quarry.Tests.Shared;

namespace Quarry.Parsing.Tests.Assembly;

/// <summary>
/// A table of contents and a title page on pdflatex output (Layout/Headings/contents.tex): the contents entries
/// repeat the section titles in bold, yet only the sections themselves are headings; the "Contents" title, the
/// date and the copyright line are text.
/// </summary>
public class ContentsPagesTests
{
    private static readonly ParsedDocument Doc = DocumentParser.Parse(
        File.ReadAllBytes(Path.Combine(RepoPaths.Root, "test", "Quarry.Parsing.Tests", "Layout", "Headings", "contents.pdf")),
        "contents", "txt", new ParseOptions { Crops = false });

    [Fact]
    public void Only_the_document_title_and_the_sections_are_headings()
    {
        var titles = Doc.BodyBlocks.Where(b => b.Type == BlockType.Title).Select(b => b.Text).ToList();
        Assert.Equal(
        [
            "Configuring the storage service", "1 Introduction", "1.1 Who should read it", "2 System configuration",
            "2.1 Font configuration", "2.2 Hyphenation configuration", "3 Compatibility mode",
        ], titles);
    }

    [Theory]
    [InlineData("Contents")]
    [InlineData("14 February 2003")]
    [InlineData("© Copyright 2003 The Storage Team. All rights reserved.")]
    public void Title_page_and_contents_lines_stay_text(string text) =>
        Assert.Contains(Doc.BodyBlocks, b => b.Type == BlockType.Text && b.Text == text);
}
