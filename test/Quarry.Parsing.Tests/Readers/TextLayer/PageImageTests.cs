using Quarry.Parsing.Pipeline;
using Quarry.Parsing.Readers;
using Quarry.Parsing.Readers.TextLayer;
using Quarry.Tests.Shared;

namespace Quarry.Parsing.Tests.Readers.TextLayer;

/// <summary>Embedded images: the decoded-size budget (checked before decoding) and JPEG 2000 pass-through.</summary>
public class PageImageTests
{
    private static byte[] OneImagePdf(int width, int height, string colorSpace, byte[] data, string filter, string caption)
    {
        var pdf = new TestPdf();
        var image = pdf.AddImage(width, height, colorSpace, data, filter);
        pdf.AddPage(TestPdf.Text(caption) + TestPdf.Draw("Im1", 72, 200, 400, 400), new Dictionary<string, int> { ["Im1"] = image });
        return pdf.ToBytes();
    }

    [Fact]
    public void A_30000_square_flate_image_is_skipped_before_it_is_decoded_and_its_page_is_degraded()
    {
        // 900 MB of pixels in under 1 MB of Flate: decoding it peaked at 2 GB (5.2 GB in colour) before the budget.
        var input = OneImagePdf(30000, 30000, "DeviceGray", TestPdf.Deflate(30000L * 30000), "FlateDecode", "Huge figure below");
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var doc = DocumentParser.Parse(input, "huge", "txt", new ParseOptions());
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;

        Assert.True(allocated < 200_000_000, $"allocated {allocated / 1_000_000} MB");
        var page = Assert.Single(doc.Pages);
        Assert.True(page.Degraded);
        var reason = Assert.Single(page.DegradedReasons);
        Assert.StartsWith("image skipped: 30000×30000 pixels would decode to 900 MB, over the 100 MB image limit", reason, StringComparison.Ordinal);
        Assert.Empty(page.Images);
        Assert.Contains(doc.BodyBlocks, b => b.Text == "Huge figure below");
    }

    [Fact]
    public void The_budget_counts_colour_components_and_is_configurable()
    {
        // 1000×1000 RGB = 3 M samples: over a 2 M budget, under the default.
        var input = OneImagePdf(1000, 1000, "DeviceRGB", TestPdf.Deflate(3_000_000, 0x80), "FlateDecode", "Colour figure");
        var tight = DocumentParser.Parse(input, "c", "txt", new ParseOptions { MaxImagePixels = 2_000_000 });
        Assert.Contains(tight.Pages[0].DegradedReasons, r => r.Contains("would decode to 3 MB, over the 2 MB image limit", StringComparison.Ordinal));
        Assert.Empty(tight.Pages[0].Images);

        var normal = DocumentParser.Parse(input, "c", "txt", new ParseOptions());
        Assert.False(normal.Pages[0].Degraded);
        Assert.EndsWith(".png", Assert.Single(normal.Pages[0].Images).FileName, StringComparison.Ordinal);
    }

    [Fact]
    public void The_budget_reads_its_environment_variable()
    {
        Assert.Equal(ImageBudget.DefaultMaxSamples, ImageBudget.FromEnvironment());
        Environment.SetEnvironmentVariable(ImageBudget.EnvironmentVariable, "5000000");
        try
        {
            Assert.Equal(5_000_000, ImageBudget.FromEnvironment());
            Assert.Equal(5_000_000, new ParseOptions().MaxImagePixels);
        }
        finally
        {
            Environment.SetEnvironmentVariable(ImageBudget.EnvironmentVariable, null);
        }
    }

    [Fact]
    public void A_jpeg_2000_figure_is_exported_as_jp2_unchanged()
    {
        var jp2 = File.ReadAllBytes(Path.Combine(RepoPaths.Root, "test", "Quarry.Parsing.Tests", "Fixtures", "figure.jp2"));
        var input = OneImagePdf(64, 48, "DeviceGray", jp2, "JPXDecode", "A JPEG 2000 figure");
        var doc = DocumentParser.Parse(input, "jpx", "txt", new ParseOptions());
        var image = Assert.Single(doc.Pages[0].Images);
        Assert.EndsWith(".jp2", image.FileName, StringComparison.Ordinal);
        Assert.Equal(jp2, image.Data.ToArray());
        Assert.Contains(doc.BodyBlocks, b => b.ImageName == image.FileName);
        Assert.False(doc.Pages[0].Degraded);
    }
}
