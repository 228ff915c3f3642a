using Quarry.Core.Model;
using static Quarry.Parsing.Tests.Sources.Office.OfficeFixtures;

namespace Quarry.Parsing.Tests.Sources.Office;

public class DocxFurnitureTests
{
    private const string Section = "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdHdr\"/><w:footerReference w:type=\"default\" r:id=\"rIdFtr\"/><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr>";

    [Fact]
    public void Each_section_is_a_page_with_its_headers_and_footers_as_furniture()
    {
        var body = P("First section.") + $"<w:p><w:pPr>{Section}</w:pPr></w:p>" + P("Second section.") + Section;
        var document = Parse(Docx(body, new Word { Header = P("ACME Corp — internal"), Footer = P("7") + P("Confidential") }));
        Assert.Equal(2, document.Pages.Count);
        Assert.Equal([0, 1], document.Pages.Select(p => p.PageIndex));
        Assert.Equal(["First section."], document.Pages[0].Blocks.Select(b => b.Text));
        Assert.Equal(["Second section."], document.Pages[1].Blocks.Select(b => b.Text));
        foreach (var page in document.Pages)
        {
            Assert.Equal([(BlockType.Header, "ACME Corp — internal"), (BlockType.Footer, "7 Confidential")], page.Discarded.Select(b => (b.Type, b.Text)));
            Assert.Equal(595.3, page.Width, 1); // A4 from the section's page size
        }
        Assert.Equal("office", document.Backend);
        Assert.DoesNotContain("ACME", Quarry.Core.Writers.MarkdownWriter.Write(document), StringComparison.Ordinal);
    }

    [Fact]
    public void Comments_deleted_text_and_field_codes_stay_out_while_content_controls_and_insertions_are_read()
    {
        var body = "<w:p><w:commentRangeStart w:id=\"1\"/><w:r><w:t xml:space=\"preserve\">Kept </w:t></w:r><w:del w:id=\"2\"><w:r><w:delText>gone </w:delText></w:r></w:del><w:ins w:id=\"3\"><w:r><w:t xml:space=\"preserve\">added </w:t></w:r></w:ins>" +
            "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>" +
            "<w:commentRangeEnd w:id=\"1\"/><w:r><w:commentReference w:id=\"1\"/></w:r><w:sdt><w:sdtContent><w:r><w:t xml:space=\"preserve\"> in control</w:t></w:r></w:sdtContent></w:sdt></w:p>" +
            "<w:sdt><w:sdtContent>" + P("Block control.") + "</w:sdtContent></w:sdt>";
        Assert.Equal("Kept added 3 in control\n\nBlock control.\n", Markdown(Docx(body)));
    }

    [Fact]
    public void A_text_box_is_read_once_after_the_paragraph_that_anchors_it()
    {
        var box = "<w:txbxContent>" + P("Boxed note.") + "</w:txbxContent>";
        var body = "<w:p><w:r><w:t>Anchor.</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wp:anchor><a:graphic><a:graphicData uri=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\"><wps:wsp><wps:txbx>" + box +
            "</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>" + box + "</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>" + P("After.");
        Assert.Equal("Anchor.\n\nBoxed note.\n\nAfter.\n", Markdown(Docx(body)));
    }
}
