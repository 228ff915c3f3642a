using Quarry.Core.Writers;
using Quarry.Parsing.Pipeline;
using Quarry.Tests.Shared;

namespace Quarry.Parsing.Tests.Layout.Tables;

/// <summary>Ruled grids drawn cell by cell read completely: every cell, one table per grid.</summary>
public class RuledGridTests
{
    private static string Parse(string content, string mediaBox = "0 0 612 792", int rotate = 0)
    {
        var pdf = new TestPdf().AddPage(content, mediaBox: mediaBox, rotate: rotate).ToBytes();
        return MarkdownWriter.Write(DocumentParser.Parse(pdf, "grid", "txt", new ParseOptions()));
    }

    [Fact]
    public void A_full_7x7_grid_drawn_cell_by_cell_is_one_table_with_every_cell()
    {
        var cells = GridPdf.Cells(7, 7);
        var md = Parse(TestPdf.Text("A paragraph before the table.", 740) + GridPdf.Draw(cells, 60, 700));
        Assert.Equal(1, Count(md, "<table>"));
        Assert.Contains(GridPdf.Row(cells[0], "th"), md);
        foreach (var row in cells.Skip(1))
        {
            Assert.Contains(GridPdf.Row(row), md);
        }
        Assert.DoesNotContain("# Head", md); // header cells never become headings
    }

    [Fact]
    public void Cells_stroked_as_closed_four_corner_paths_are_a_grid()
    {
        // Before: only boxes drawn with `re` became four rules, so this grid reached the detector with
        // almost none and came out as loose lines (tabula's twotables page draws its cells this way).
        var cells = GridPdf.Cells(5, 4);
        var md = Parse(TestPdf.Text("A paragraph before the table.", 740) + GridPdf.DrawClosedPaths(cells, 60, 700));
        Assert.Equal(1, Count(md, "<table>"));
        Assert.Contains(GridPdf.Row(cells[0], "th"), md);
        Assert.Contains(GridPdf.Row(cells[4]), md);
    }

    [Fact]
    public void Two_8_column_grids_on_one_page_stay_two_tables_of_8_columns()
    {
        var first = GridPdf.Cells(4, 8);
        var second = GridPdf.Cells(5, 8).Select(r => r.Select(c => "b" + c).ToArray()).ToArray();
        var md = Parse(GridPdf.Draw(first, 40, 740) + TestPdf.Text("Text between the two tables of this page.", 600) + GridPdf.Draw(second, 40, 560));
        Assert.Equal(2, Count(md, "<table>"));
        Assert.Contains(GridPdf.Row(first[3]), md);
        Assert.Contains(GridPdf.Row(second[4]), md);
    }

    [Fact]
    public void A_grid_without_its_bottom_rule_over_a_wider_grid_on_its_left_edge_stays_two_tables()
    {
        // The first grid's verticals run past its last rule and end 40 pt above the second grid; its rows
        // share the left edge, so the two sets of rules would otherwise stack into one table.
        var first = GridPdf.Cells(5, 4).Select(r => r.Select(c => "a" + c).ToArray()).ToArray();
        var sb = new System.Text.StringBuilder();
        for (var r = 0; r < first.Length; r++)
        {
            var top = 700 - r * GridPdf.CellHeight;
            sb.Append(GridPdf.Line(80, top, 80 + 4 * GridPdf.CellWidth, top));
            for (var c = 0; c < 4; c++)
            {
                sb.Append(GridPdf.Word(first[r][c], 84 + c * GridPdf.CellWidth, top - 14));
            }
        }
        for (var c = 0; c <= 4; c++)
        {
            sb.Append(GridPdf.Line(80 + c * GridPdf.CellWidth, 700, 80 + c * GridPdf.CellWidth, 600));
        }
        var second = GridPdf.Cells(5, 5);
        var md = Parse(sb + GridPdf.Draw(second, 80, 560));
        Assert.Equal(2, Count(md, "<table>"));
        Assert.Contains(GridPdf.Row(first[4]), md);
        Assert.Contains(GridPdf.Row(second[0], "th"), md);
        Assert.Contains(GridPdf.Row(second[4]), md);
    }

    internal static int Count(string s, string part) => (s.Length - s.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
