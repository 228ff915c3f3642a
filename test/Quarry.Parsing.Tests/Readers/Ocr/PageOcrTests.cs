using Quarry.Parsing.Pipeline;
using Quarry.Parsing.Imaging;
using Quarry.Parsing.Readers;
using Quarry.Parsing.Readers.Ocr;
using Quarry.Parsing.Rasterization;
using Quarry.Tests.Shared;

namespace Quarry.Parsing.Tests.Readers.Ocr;

/// <summary>The render resolution for OCR keeps every page's bitmap inside the image budget.</summary>
public class PageOcrTests
{
    private static PageContent Page(double width, double height) => new() { PageIndex = 0, Width = width, Height = height, Words = [] };

    [Fact]
    public void A_page_of_normal_size_renders_at_the_configured_resolution()
    {
        using var ocr = new PageOcr(() => new PdftoppmRasterizer().Open([]), PageOcr.RenderBatch, new ParseOptions(), CancellationToken.None);
        Assert.Equal(200, ocr.RenderDpi(Page(612, 792)));
    }

    [Theory]
    [InlineData(14400, 14400, 100_000_000)] // the largest MediaBox PDF allows: 40000 px square at 200 dpi
    [InlineData(14400, 14400, 4_000_000)]
    [InlineData(3000, 200, 1_000_000)]
    public void A_huge_page_renders_at_a_resolution_that_fits_the_budget(double width, double height, long budget)
    {
        using var ocr = new PageOcr(() => new PdftoppmRasterizer().Open([]), PageOcr.RenderBatch, new ParseOptions { MaxImagePixels = budget }, CancellationToken.None);
        var dpi = ocr.RenderDpi(Page(width, height));
        var pixels = Math.Ceiling(width / 72 * dpi) * Math.Ceiling(height / 72 * dpi);
        Assert.InRange(pixels, 1, budget);
        Assert.True(dpi < 200);
    }

    [Fact]
    public void A_huge_page_is_rendered_and_decoded_within_the_budget()
    {
        // Before: 14400 pt at 200 dpi asked pdftoppm for 40000×40000 pixels, and decoding refused the whole document.
        var pdf = new TestPdf().AddPage(TestPdf.Text("big"), mediaBox: "0 0 14400 14400").ToBytes();
        var options = new ParseOptions { MaxImagePixels = 4_000_000 };
        using var ocr = new PageOcr(() => new PdftoppmRasterizer().Open(pdf), PageOcr.RenderBatch, options, CancellationToken.None);
        using var raster = new PdftoppmRasterizer().Open(pdf);
        var image = Assert.Single(raster.Render(0, 0, ocr.RenderDpi(Page(14400, 14400)), TimeSpan.FromSeconds(60), CancellationToken.None));
        Assert.InRange((long)image.Width * image.Height, 1, options.MaxImagePixels);
        Assert.True(image.Width * image.Height <= GrayImage.MaxPixels);
    }

    [Fact]
    public void Pages_read_two_at_a_time_come_out_as_read_one_at_a_time()
    {
        // The pages of a render batch are read in parallel when the document has the cores to itself.
        var pdf = File.ReadAllBytes(Path.Combine(RepoPaths.Corpus("scanned"), "report-tables-7-002-scan", "doc.pdf"));
        var inOrder = DocumentParser.Parse(pdf, "scan", "ocr", new ParseOptions { EndPage = 1, MaxDegreeOfParallelism = 1 });
        var parallel = DocumentParser.Parse(pdf, "scan", "ocr", new ParseOptions { EndPage = 1, MaxDegreeOfParallelism = 2 });
        Assert.Equal(2, parallel.Pages.Count);
        Assert.Equal(Quarry.Core.Writers.MarkdownWriter.Write(inOrder), Quarry.Core.Writers.MarkdownWriter.Write(parallel));
        Assert.Contains("Recall Revenue Model Report", Quarry.Core.Writers.MarkdownWriter.Write(parallel), StringComparison.Ordinal);
    }
}
