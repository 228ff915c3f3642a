using Quarry.Core.Model;
using static Quarry.Parsing.Tests.Sources.Office.OfficeFixtures;

namespace Quarry.Parsing.Tests.Sources.Office;

public class DocxTableTests
{
    private static string Cell(string text, string tcPr = "") => $"<w:tc>{(tcPr.Length > 0 ? "<w:tcPr>" + tcPr + "</w:tcPr>" : "")}{P(text)}</w:tc>";

    [Fact]
    public void Grid_spans_and_vertical_merges_become_colspan_and_rowspan()
    {
        var table = "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>" +
            "<w:tr><w:trPr><w:tblHeader/></w:trPr>" + Cell("Wide", "<w:gridSpan w:val=\"2\"/>") + Cell("C") + "</w:tr>" +
            "<w:tr>" + Cell("Tall", "<w:vMerge w:val=\"restart\"/>") + Cell("x") + Cell("y") + "</w:tr>" +
            "<w:tr>" + "<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>" + Cell("z") + Cell("w") + "</w:tr>" +
            "</w:tbl>";
        var block = Parse(Docx(table)).Pages.Single().Blocks.Single();
        Assert.Equal(BlockType.Table, block.Type);
        Assert.Equal(
            "<table><thead><tr><th colspan=\"2\">Wide</th><th>C</th></tr></thead><tbody><tr><td rowspan=\"2\">Tall</td><td>x</td><td>y</td></tr><tr><td>z</td><td>w</td></tr></tbody></table>",
            block.TableHtml);
    }

    [Fact]
    public void A_cell_with_several_paragraphs_joins_them()
    {
        var table = "<w:tbl><w:tr><w:tc>" + P("first") + P("second") + "</w:tc>" + Cell("b") + "</w:tr></w:tbl>";
        Assert.Equal("<table><tbody><tr><td>first second</td><td>b</td></tr></tbody></table>", Parse(Docx(table)).Pages.Single().Blocks.Single().TableHtml);
    }
}
