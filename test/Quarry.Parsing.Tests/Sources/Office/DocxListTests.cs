using Quarry.Core.Model;
using static Quarry.Parsing.Tests.Sources.Office.OfficeFixtures;

namespace Quarry.Parsing.Tests.Sources.Office;

public class DocxListTests
{
    private const string Numbering = """
        <w:abstractNum w:abstractNumId="0">
          <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/></w:lvl>
          <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/></w:lvl>
        </w:abstractNum>
        <w:abstractNum w:abstractNumId="1">
          <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl>
          <w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/></w:lvl>
        </w:abstractNum>
        <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
        <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
        <w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
        """;

    private static string Item(string text, int num, int level = 0) =>
        P(text, $"<w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"{num}\"/></w:numPr>");

    [Fact]
    public void Ordered_and_bulleted_lists_with_nesting()
    {
        var docx = Docx(Item("one", 1) + Item("sub a", 1, 1) + Item("sub b", 1, 1) + Item("two", 1) + Item("apple", 2) + Item("pip", 2, 1), new Word { Numbering = Numbering });
        var md = Markdown(docx);
        Assert.Equal("1. one\n    a. sub a\n    b. sub b\n2. two\n\n- apple\n    - pip\n", md);
        var lists = Parse(docx).Pages.Single().Blocks;
        Assert.Equal([true, false], lists.Select(b => b.Ordered));
        Assert.All(lists, b => Assert.Equal(BlockType.List, b.Type));
    }

    [Fact]
    public void Numbering_resumes_after_an_interruption_and_restarts_on_a_start_override()
    {
        var docx = Docx(Item("one", 1) + Item("two", 1) + P("An interruption.") + Item("three", 1) + P("Another.") + Item("again one", 3), new Word { Numbering = Numbering });
        Assert.Equal("1. one\n2. two\n\nAn interruption.\n\n3. three\n\nAnother.\n\n1. again one\n", Markdown(docx));
    }
}
