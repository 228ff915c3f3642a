using Quarry.Parsing.Pipeline;
using Quarry.Parsing.Readers.Ocr;
using Quarry.Parsing.Readers.TextLayer;
using Quarry.Parsing.Routing;
using Quarry.Tests.Shared;
using SkiaSharp;
using UglyToad.PdfPig;

namespace Quarry.Parsing.Tests.Readers.TextLayer;

/// <summary>A page picture stored as strips (as many scanners write it) is one picture: routed, OCR'd and exported once.</summary>
public class ImageTilesTests
{
    private const int Strips = 30;

    /// <summary>
    /// Page 1 of samples/report-scan.pdf (a 150 dpi grey scan), cut into <see cref="Strips"/> Flate strips drawn
    /// one under the other over the whole page, 26.4 pt each: what a strip-writing scanner produces.
    /// </summary>
    private static byte[] StripScan()
    {
        using var pdfIn = PdfDocument.Open(RepoPaths.Sample("report-scan.pdf"));
        using var scan = SKBitmap.Decode(pdfIn.GetPage(1).GetImages().Single().RawMemory.ToArray());
        var pdf = new TestPdf();
        var names = new Dictionary<string, int>();
        var content = new System.Text.StringBuilder();
        var rows = scan.Height / Strips;
        for (var s = 0; s < Strips; s++)
        {
            var top = s * rows;
            var height = s == Strips - 1 ? scan.Height - top : rows;
            var gray = new byte[scan.Width * height];
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < scan.Width; x++)
                {
                    gray[(y * scan.Width) + x] = scan.GetPixel(x, top + y).Red;
                }
            }
            using var zipped = new MemoryStream();
            using (var z = new System.IO.Compression.ZLibStream(zipped, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
            {
                z.Write(gray);
            }
            names[$"S{s}"] = pdf.AddImage(scan.Width, height, "DeviceGray", zipped.ToArray(), "FlateDecode");
            var yTop = 792.0 * top / scan.Height;
            var h = 792.0 * height / scan.Height;
            content.Append(TestPdf.Draw($"S{s}", 0, 792 - yTop - h, 612, h));
        }
        pdf.AddPage(content.ToString(), names);
        return pdf.ToBytes();
    }

    [Fact]
    public void The_strips_are_read_as_one_page_image_and_the_page_is_routed_to_ocr()
    {
        using var document = PdfDocument.Open(StripScan());
        var page = PageContentReader.Read(document.GetPage(1), 0);
        var image = Assert.Single(page.Images); // before: 30 images, one per strip
        Assert.Equal(612, image.Box.Width, 0.5);
        Assert.Equal(792, image.Box.Height, 0.5);
        Assert.False(TextLayerTrust.Trusted(page));
    }

    [Fact]
    public void Without_ocr_the_strips_are_exported_as_one_figure_of_the_whole_page()
    {
        var doc = DocumentParser.Parse(StripScan(), "strips", "txt", new ParseOptions());
        var figure = Assert.Single(doc.Pages[0].Images); // before: 30 strip figures
        using var bitmap = SKBitmap.Decode(figure.Data.ToArray());
        Assert.Equal(1275, bitmap.Width);
        Assert.InRange(bitmap.Height, 1649, 1651);
        Assert.False(doc.Pages[0].Degraded);
    }

    [Fact]
    public void Under_auto_the_striped_scan_is_ocrd_as_one_picture_and_no_strip_is_a_figure()
    {
        var doc = DocumentParser.Parse(StripScan(), "strips", "auto", new ParseOptions());
        var text = string.Join(" ", doc.BodyBlocks.Select(b => b.Text));
        Assert.Contains("Parsing Documents", text, StringComparison.Ordinal);
        Assert.True(doc.Pages[0].Images.Count <= 1);
    }

    [Fact]
    public void Images_that_only_sit_near_each_other_stay_apart()
    {
        var boxes = new Quarry.Core.Model.BoundingBox[]
        {
            new(0, 0, 100, 50), new(0, 50, 100, 100), // a strip pair
            new(0, 110, 100, 160), // below, with a gap
            new(200, 0, 260, 50), // beside, not touching
            new(100, 0, 150, 50), // touches the first strip's right edge, same rows: a tile
        };
        var groups = ImageTiles.Group(boxes).Select(g => g.Order().ToArray()).OrderBy(g => g[0]).ToList();
        Assert.Equal([[0, 1, 4], [2], [3]], groups);
    }
}
