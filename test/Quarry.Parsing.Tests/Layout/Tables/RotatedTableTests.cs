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

    [Theory]
    [InlineData(90)]
    [InlineData(180)]
    [InlineData(270)]
    public void The_crop_of_a_table_on_a_turned_page_shows_the_table_upright(int rotate)
    {
        var content = GridPdf.Draw(Cells, 80, 600);
        static (double Aspect, double Luma) Crop(byte[] pdf)
        {
            var doc = DocumentParser.Parse(pdf, "turned", "txt", new ParseOptions());
            var table = Assert.Single(doc.Pages[0].Blocks, b => b.Type == Quarry.Core.Model.BlockType.Table);
            var image = doc.Pages[0].Images.Single(i => i.FileName == table.ImageName);
            using var bitmap = SkiaSharp.SKBitmap.Decode(image.Data.ToArray());
            var luma = bitmap.Pixels.Average(p => (p.Red + p.Green + p.Blue) / 3.0);
            return ((double)bitmap.Width / bitmap.Height, luma);
        }
        var upright = Crop(new TestPdf().AddPage(content).ToBytes());
        var turned = Crop(new TestPdf().AddPage(content, rotate: rotate).ToBytes());
        // Cut from the render turned into the frame the boxes are in: the same picture as on the upright page
        // (a crop of the displayed render at those boxes has the wrong shape, or shows the wrong region).
        Assert.Equal(upright.Aspect, turned.Aspect, 0.05);
        Assert.Equal(upright.Luma, turned.Luma, 3.0);
    }

    private static void AssertReadsUpright(string md)
    {
        Assert.Equal(1, RuledGridTests.Count(md, "<table>"));
        Assert.Contains(GridPdf.Row(Cells[0], "th"), md);
        Assert.Contains(GridPdf.Row(Cells[4]), md);
    }
}
