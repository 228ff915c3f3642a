using Quarry.Core.Model;
using static Quarry.Parsing.Tests.Sources.Office.OfficeFixtures;

namespace Quarry.Parsing.Tests.Sources.Office;

public class XlsxTableTests
{
    private const string Strings = "<si><t>Region</t></si><si><t>Total</t></si><si><t>North</t></si><si><r><t>So</t></r><r><t>uth</t></r></si><si><t>Budget 2024</t></si>";

    // cellXfs: 0 General, 1 #,##0.00, 2 0%, 3 yyyy-mm-dd
    private const string Styles = "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd\"/></numFmts><cellXfs count=\"4\"><xf numFmtId=\"0\"/><xf numFmtId=\"4\"/><xf numFmtId=\"9\"/><xf numFmtId=\"164\"/></cellXfs>";

    [Fact]
    public void Used_ranges_become_tables_trimmed_and_split_at_empty_gaps()
    {
        // A title in B2, a table at B4:D6, another table to its right at G4:H5 past empty columns E–F.
        var sheet = "<sheetData>" +
            "<row r=\"2\"><c r=\"B2\" t=\"s\"><v>4</v></c></row>" +
            "<row r=\"4\"><c r=\"B4\" t=\"s\"><v>0</v></c><c r=\"C4\" t=\"s\"><v>1</v></c><c r=\"D4\" t=\"inlineStr\"><is><t>Share</t></is></c><c r=\"G4\"><v>1</v></c><c r=\"H4\"><v>2</v></c></row>" +
            "<row r=\"5\"><c r=\"B5\" t=\"s\"><v>2</v></c><c r=\"C5\" s=\"1\"><v>1234.5</v></c><c r=\"D5\" s=\"2\"><v>0.25</v></c><c r=\"G5\"><v>3</v></c><c r=\"H5\" t=\"b\"><v>1</v></c></row>" +
            "<row r=\"6\"><c r=\"B6\" t=\"s\"><v>3</v></c><c r=\"C6\" s=\"1\"><f>C5*2</f><v>2469</v></c><c r=\"D6\" s=\"3\"><v>45306</v></c></row>" +
            "</sheetData>";
        var blocks = Parse(Xlsx([("Budget", sheet, null)], Strings, Styles)).Pages.Single().Blocks;
        Assert.Equal([BlockType.Text, BlockType.Table, BlockType.Table], blocks.Select(b => b.Type));
        Assert.Equal("Budget 2024", blocks[0].Text);
        Assert.Equal("<table><tbody><tr><td>Region</td><td>Total</td><td>Share</td></tr><tr><td>North</td><td>1,234.50</td><td>25%</td></tr><tr><td>South</td><td>2,469.00</td><td>2024-01-15</td></tr></tbody></table>", blocks[1].TableHtml);
        Assert.Equal("<table><tbody><tr><td>1</td><td>2</td></tr><tr><td>3</td><td>TRUE</td></tr></tbody></table>", blocks[2].TableHtml);
    }

    [Fact]
    public void Merged_cells_span_and_keep_their_table_together()
    {
        var sheet = "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Head</t></is></c></row><row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"B2\"><v>2</v></c><c r=\"C2\"><v>3</v></c></row></sheetData>" +
            "<mergeCells count=\"1\"><mergeCell ref=\"A1:C1\"/></mergeCells>";
        var block = Parse(Xlsx([("S", sheet, null)])).Pages.Single().Blocks.Single();
        Assert.Equal("<table><tbody><tr><td colspan=\"3\">Head</td></tr><tr><td>1</td><td>2</td><td>3</td></tr></tbody></table>", block.TableHtml);
    }

    [Fact]
    public void Each_visible_sheet_is_a_page_headed_by_its_name_and_chart_sheets_are_noted()
    {
        var one = "<sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"B1\"><v>2</v></c></row></sheetData>";
        var document = Parse(Xlsx([("First", one, null), ("Secret", one, "hidden"), ("Chart1", "<chartsheet><sheetViews><sheetView workbookViewId=\"0\"/></sheetViews></chartsheet>", null)]));
        Assert.Equal(2, document.Pages.Count);
        Assert.Equal((BlockType.Title, "First"), (document.Pages[0].Blocks[0].Type, document.Pages[0].Blocks[0].Text));
        Assert.Equal(["Chart1", "Chart sheet: Chart1"], document.Pages[1].Blocks.Select(b => b.Text));
    }

    [Fact]
    public void Page_ranges_select_sheets()
    {
        var sheets = Enumerable.Range(1, 3).Select(i => ($"S{i}", $"<sheetData><row r=\"1\"><c r=\"A1\"><v>{i}</v></c><c r=\"B1\"><v>0</v></c></row></sheetData>", (string?)null)).ToList();
        var document = Parse(Xlsx(sheets), startPage: 1, endPage: 1);
        Assert.Equal(1, document.StartPage);
        Assert.Equal(3, document.SourcePageCount);
        Assert.Equal("S2", document.Pages.Single().Blocks[0].Text);
        Assert.Equal(0, document.Pages.Single().PageIndex);
    }

    [Fact]
    public void A_merge_across_a_whole_row_stops_where_the_values_do()
    {
        var sheet = "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Banner</t></is></c></row><row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"B2\"><v>2</v></c></row></sheetData>" +
            "<mergeCells count=\"1\"><mergeCell ref=\"A1:XFD1\"/></mergeCells>";
        var block = Parse(Xlsx([("S", sheet, null)])).Pages.Single().Blocks.Single();
        Assert.Equal("<table><tbody><tr><td colspan=\"2\">Banner</td></tr><tr><td>1</td><td>2</td></tr></tbody></table>", block.TableHtml);
    }
}
