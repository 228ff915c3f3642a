using Quarry.Core.Model;
using static Quarry.Parsing.Tests.Sources.Office.OfficeFixtures;

namespace Quarry.Parsing.Tests.Sources.Office;

public class PptxSlideTests
{
    [Fact]
    public void Title_first_then_shapes_top_to_bottom_and_left_to_right()
    {
        var shapes = Shape("Right column", null, 5_000_000, 2_000_000) + Shape("Footer note", null, 500_000, 6_000_000) +
            Shape("Quarterly review", "title", 500_000, 300_000) + Shape("Left column", null, 500_000, 2_010_000);
        var blocks = Parse(Pptx([(shapes, null)])).Pages.Single().Blocks;
        Assert.Equal([(BlockType.Title, "Quarterly review"), (BlockType.Text, "Left column"), (BlockType.Text, "Right column"), (BlockType.Text, "Footer note")], blocks.Select(b => (b.Type, b.Text)));
    }

    [Fact]
    public void Body_placeholders_are_bulleted_with_nesting_text_boxes_only_when_asked()
    {
        var body = "<a:p><a:r><a:t>Point one</a:t></a:r></a:p><a:p><a:pPr lvl=\"1\"/><a:r><a:t>Detail</a:t></a:r></a:p><a:p><a:pPr><a:buNone/></a:pPr><a:r><a:t>Plain line</a:t></a:r></a:p>";
        var box = "<a:p><a:pPr><a:buAutoNum type=\"arabicPeriod\"/></a:pPr><a:r><a:t>Step</a:t></a:r></a:p><a:p><a:pPr><a:buAutoNum type=\"arabicPeriod\"/></a:pPr><a:r><a:t>Next step</a:t></a:r></a:p><a:p><a:r><a:t>Prose</a:t></a:r></a:p>";
        var md = Markdown(Pptx([(Shape(body, "body", 0, 1_000_000) + Shape(box, null, 0, 3_000_000), null)]));
        Assert.Equal("- Point one\n    - Detail\n\nPlain line\n\n1. Step\n2. Next step\n\nProse\n", md);
    }

    [Fact]
    public void Tables_pictures_and_speaker_notes()
    {
        var table = "<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id=\"3\" name=\"t\"/><p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr><p:xfrm><a:off x=\"0\" y=\"2000000\"/><a:ext cx=\"10\" cy=\"10\"/></p:xfrm><a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/table\"><a:tbl><a:tblPr firstRow=\"1\"/><a:tblGrid><a:gridCol w=\"1\"/><a:gridCol w=\"1\"/></a:tblGrid>" +
            "<a:tr h=\"1\"><a:tc gridSpan=\"2\"><a:txBody><a:bodyPr/><a:p><a:r><a:t>Both</a:t></a:r></a:p></a:txBody></a:tc><a:tc hMerge=\"1\"><a:txBody><a:bodyPr/><a:p/></a:txBody></a:tc></a:tr>" +
            "<a:tr h=\"1\"><a:tc><a:txBody><a:bodyPr/><a:p><a:r><a:t>a</a:t></a:r></a:p></a:txBody></a:tc><a:tc><a:txBody><a:bodyPr/><a:p><a:r><a:t>b</a:t></a:r></a:p></a:txBody></a:tc></a:tr></a:tbl></a:graphicData></a:graphic></p:graphicFrame>";
        var picture = "<p:pic><p:nvPicPr><p:cNvPr id=\"4\" name=\"p\"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:embed=\"rIdImg\"/></p:blipFill><p:spPr><a:xfrm><a:off x=\"0\" y=\"4000000\"/><a:ext cx=\"10\" cy=\"10\"/></a:xfrm></p:spPr></p:pic>";
        var page = Parse(Pptx([(Shape("Results", "title", 0, 0) + picture + table, "Mention the merger.")], image: true)).Pages.Single();
        Assert.Equal([BlockType.Title, BlockType.Table, BlockType.Image], page.Blocks.Select(b => b.Type));
        Assert.Equal("<table><thead><tr><th colspan=\"2\">Both</th></tr></thead><tbody><tr><td>a</td><td>b</td></tr></tbody></table>", page.Blocks[1].TableHtml);
        Assert.Equal(page.Blocks[2].ImageName, page.Images.Single().FileName);
        Assert.Equal((BlockType.AsideText, "Mention the merger."), (page.Discarded.Single().Type, page.Discarded.Single().Text));
    }

    [Fact]
    public void A_chart_is_its_title_and_data_as_a_table()
    {
        var chart = "<c:chart><c:title><c:tx><c:rich><a:p><a:r><a:t>Revenue</a:t></a:r></a:p></c:rich></c:tx></c:title><c:plotArea><c:barChart><c:ser><c:tx><c:strRef><c:strCache><c:pt idx=\"0\"><c:v>2024</c:v></c:pt></c:strCache></c:strRef></c:tx>" +
            "<c:cat><c:strRef><c:strCache><c:pt idx=\"0\"><c:v>Q1</c:v></c:pt><c:pt idx=\"1\"><c:v>Q2</c:v></c:pt></c:strCache></c:strRef></c:cat><c:val><c:numRef><c:numCache><c:pt idx=\"0\"><c:v>10</c:v></c:pt><c:pt idx=\"1\"><c:v>12</c:v></c:pt></c:numCache></c:numRef></c:val></c:ser></c:barChart></c:plotArea></c:chart>";
        var frame = "<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id=\"5\" name=\"c\"/><p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr><p:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"1\" cy=\"1\"/></p:xfrm><a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/chart\"><c:chart r:id=\"rIdChart\"/></a:graphicData></a:graphic></p:graphicFrame>";
        var block = Parse(Pptx([(frame, null)], chart: chart)).Pages.Single().Blocks.Single();
        Assert.Equal(["Revenue"], block.Captions);
        Assert.Equal("<table><thead><tr><th></th><th>2024</th></tr></thead><tbody><tr><td>Q1</td><td>10</td></tr><tr><td>Q2</td><td>12</td></tr></tbody></table>", block.TableHtml);
    }

    [Fact]
    public void Each_slide_is_a_page_and_page_ranges_select_slides()
    {
        var deck = Pptx([(Shape("One", "title", 0, 0), null), (Shape("Two", "title", 0, 0), null), (Shape("Three", "title", 0, 0), null)]);
        Assert.Equal(3, Parse(deck).Pages.Count);
        var document = Parse(deck, startPage: 1, endPage: 2);
        Assert.Equal(["Two", "Three"], document.Pages.Select(p => p.Blocks.Single().Text));
        Assert.Equal(720, document.Pages[0].Width);
    }

    [Fact]
    public void A_deck_without_slides_is_an_empty_document()
    {
        var document = Parse(Pptx([]));
        Assert.Empty(document.Pages);
        Assert.Equal("", Quarry.Core.Writers.MarkdownWriter.Write(document));
    }

    [Fact]
    public void Bold_and_italic_runs_of_a_text_box_are_marked()
    {
        var p = "<a:p><a:r><a:t xml:space=\"preserve\">Ship </a:t></a:r><a:r><a:rPr b=\"1\"/><a:t>today</a:t></a:r><a:r><a:t xml:space=\"preserve\">, </a:t></a:r><a:r><a:rPr i=\"1\"/><a:t>maybe</a:t></a:r></a:p>";
        Assert.Equal("Ship **today**, *maybe*\n", Markdown(Pptx([(Shape(p, null, 0, 0), null)])));
    }
}
