using Quarry.Core.Writers;
using Quarry.Parsing.Pipeline;
using Quarry.Tests.Shared;

namespace Quarry.Parsing.Tests.Layout.Tables;

/// <summary>
/// Tables on turned pages read in the orientation their text reads in: a page stored with /Rotate, and
/// an upright page whose content is drawn turned 90° (a landscape table in a portrait document).
/// </summary>
public class RotatedTableTests
{
    private static readonly string[][] Cells = GridPdf.Cells(5, 6);

    private static string Parse(string content, int rotate = 0)
    {
        var pdf = new TestPdf().AddPage(content, rotate: rotate).ToBytes();
        return MarkdownWriter.Write(DocumentParser.Parse(pdf, "turned", "txt", new ParseOptions()));
    }

    [Theory]
    [InlineData(90)]
    [InlineData(180)]
    [InlineData(270)]
    public void A_grid_on_a_page_with_Rotate_reads_upright(int rotate)
    {
        AssertReadsUpright(Parse(GridPdf.Draw(Cells, 80, 600), rotate));
    }

    [Fact]
    public void A_grid_drawn_turned_90_degrees_on_an_upright_page_reads_upright()
    {
        // The landscape drawing (792 wide) turned counter-clockwise onto the portrait page: its text runs upwards.
        var turned = "q 0 1 -1 0 612 0 cm\n" + GridPdf.Draw(Cells, 200, 400) + "Q\n";
        AssertReadsUpright(Parse(turned));
    }

    private static void AssertReadsUpright(string md)
    {
        Assert.Equal(1, RuledGridTests.Count(md, "<table>"));
        Assert.Contains(GridPdf.Row(Cells[0], "th"), md);
        Assert.Contains(GridPdf.Row(Cells[4]), md);
    }
}
