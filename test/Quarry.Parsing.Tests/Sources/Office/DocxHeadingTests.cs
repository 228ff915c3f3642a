using Quarry.Core.Model;
using static Quarry.Parsing.Tests.Sources.Office.OfficeFixtures;

namespace Quarry.Parsing.Tests.Sources.Office;

public class DocxHeadingTests
{
    private const string Styles = """
        <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>
        <w:style w:type="paragraph" w:styleId="H1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="H2"><w:name w:val="heading 2"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="MyHead"><w:name w:val="My Section Head"/><w:basedOn w:val="H2"/></w:style>
        <w:style w:type="paragraph" w:styleId="Heading4"><w:name w:val="heading 4"/></w:style>
        """;

    [Fact]
    public void Levels_come_from_style_outline_levels_through_based_on_and_built_in_names()
    {
        var docx = Docx(
            P("Annual report", "<w:pStyle w:val=\"Title\"/>") +
            P("Overview", "<w:pStyle w:val=\"H1\"/>") +
            P("Body text.") +
            P("Inherited", "<w:pStyle w:val=\"MyHead\"/>") +
            P("Named only", "<w:pStyle w:val=\"Heading4\"/>") +
            P("Direct outline", "<w:outlineLvl w:val=\"2\"/>") +
            P("Body outline", "<w:pStyle w:val=\"H1\"/><w:outlineLvl w:val=\"9\"/>"),
            new Word { Styles = Styles });
        var blocks = Parse(docx).Pages.Single().Blocks;
        Assert.Equal(
            [(BlockType.Title, 1, "Annual report"), (BlockType.Title, 1, "Overview"), (BlockType.Text, 0, "Body text."), (BlockType.Title, 2, "Inherited"),
             (BlockType.Title, 4, "Named only"), (BlockType.Title, 3, "Direct outline"), (BlockType.Text, 0, "Body outline")],
            blocks.Select(b => (b.Type, b.Level, b.Text)));
    }

    [Fact]
    public void Markdown_writes_the_real_levels()
    {
        var md = Markdown(Docx(P("A", "<w:pStyle w:val=\"H1\"/>") + P("B", "<w:pStyle w:val=\"H2\"/>") + P("text"), new Word { Styles = Styles }));
        Assert.Equal("# A\n\n## B\n\ntext\n", md);
    }
}
