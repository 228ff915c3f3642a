using Quarry.Core.Model;
using static Quarry.Parsing.Tests.Sources.Office.OfficeFixtures;

namespace Quarry.Parsing.Tests.Sources.Office;

public class DocxImageTests
{
    private const string Picture = "<w:p><w:r><w:drawing><wp:inline><wp:extent cx=\"100\" cy=\"100\"/><wp:docPr id=\"1\" name=\"p\"/><a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic><pic:nvPicPr><pic:cNvPr id=\"1\" name=\"p\"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed=\"rIdImg\"/></pic:blipFill><pic:spPr/></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>";

    private const string Styles = "<w:style w:type=\"paragraph\" w:styleId=\"Caption\"><w:name w:val=\"caption\"/></w:style>";

    [Fact]
    public void Pictures_are_exported_with_the_caption_that_follows_them()
    {
        var document = Parse(Docx(P("Before.") + Picture + P("The plant at dawn", "<w:pStyle w:val=\"Caption\"/>") + P("After."), new Word { Image = true, Styles = Styles }));
        var page = document.Pages.Single();
        var image = page.Blocks.Single(b => b.Type == BlockType.Image);
        Assert.Equal(["The plant at dawn"], image.Captions);
        Assert.Equal(image.ImageName, page.Images.Single().FileName);
        Assert.EndsWith(".png", image.ImageName, StringComparison.Ordinal);
        Assert.Equal(Png, page.Images.Single().Data.ToArray());
        Assert.Equal(["Before.", "", "After."], page.Blocks.Select(b => b.Text));
    }

    [Fact]
    public void A_figure_caption_above_a_picture_binds_to_it()
    {
        var page = Parse(Docx(P("Figure 2: Site map") + Picture, new Word { Image = true })).Pages.Single();
        Assert.Equal(["Figure 2: Site map"], page.Blocks.Single().Captions);
    }

    [Fact]
    public void A_caption_style_paragraph_with_nothing_to_bind_stays_text()
    {
        var page = Parse(Docx(P("Lonely caption", "<w:pStyle w:val=\"Caption\"/>") + P("Body."), new Word { Styles = Styles })).Pages.Single();
        Assert.Equal([BlockType.Text, BlockType.Text], page.Blocks.Select(b => b.Type));
    }
}
