using static Quarry.Parsing.Tests.Sources.Office.OfficeFixtures;

namespace Quarry.Parsing.Tests.Sources.Office;

public class DocxNotesAndLinksTests
{
    [Fact]
    public void Footnotes_follow_their_section_and_endnotes_the_document()
    {
        var body = "<w:p><w:r><w:t>Claim</w:t></w:r><w:r><w:footnoteReference w:id=\"2\"/></w:r><w:r><w:t xml:space=\"preserve\"> and more</w:t></w:r><w:r><w:endnoteReference w:id=\"5\"/></w:r></w:p>" + P("Next paragraph.");
        var docx = Docx(body, new Word
        {
            Footnotes = "<w:footnote w:type=\"separator\" w:id=\"0\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id=\"2\">" + P("Source: the survey.") + "</w:footnote>",
            Endnotes = "<w:endnote w:id=\"5\">" + P("Closing remark.") + "</w:endnote>",
        });
        Assert.Equal("Claim[^1] and more[^e1]\n\nNext paragraph.\n\n[^1]: Source: the survey.\n\n[^e1]: Closing remark.\n", Markdown(docx));
    }

    [Fact]
    public void External_hyperlinks_become_markdown_links_and_anchors_keep_their_text()
    {
        var body = "<w:p><w:r><w:t xml:space=\"preserve\">See </w:t></w:r><w:hyperlink r:id=\"rIdLink\"><w:r><w:t>the site</w:t></w:r></w:hyperlink><w:r><w:t xml:space=\"preserve\"> or </w:t></w:r><w:hyperlink w:anchor=\"sec\"><w:r><w:t>section 2</w:t></w:r></w:hyperlink></w:p>";
        Assert.Equal("See [the site](https://example.org/a_b) or section 2\n", Markdown(Docx(body, new Word { Link = "https://example.org/a_b" })).Replace("\\_", "_", StringComparison.Ordinal));
    }
}
