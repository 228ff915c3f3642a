using System.Diagnostics;
using Quarry.Parsing.Imaging;
using Quarry.Parsing.Rasterization;
using Quarry.Tests.Shared;

namespace Quarry.Parsing.Tests.Rasterization;

/// <summary>pdftoppm's gray renders for OCR, read from its raw PGM output.</summary>
public class PdftoppmRasterizerTests
{
    [Fact]
    public void A_gray_render_has_the_pixels_of_pdftoppms_png_of_the_same_page()
    {
        var pdf = Path.Combine(RepoPaths.Corpus("scanned"), "report-tables-7-002-scan", "doc.pdf");
        using var raster = new PdftoppmRasterizer().Open(File.ReadAllBytes(pdf));
        var page = Assert.Single(raster.Render(1, 1, 100, TimeSpan.FromSeconds(60), CancellationToken.None));

        var dir = Directory.CreateTempSubdirectory("quarry-test-");
        try
        {
            var psi = new ProcessStartInfo("pdftoppm", ["-gray", "-png", "-r", "100", "-f", "2", "-l", "2", "-singlefile", pdf, Path.Combine(dir.FullName, "p")]);
            using (var process = Process.Start(psi)!)
            {
                process.WaitForExit();
                Assert.Equal(0, process.ExitCode);
            }
            var png = GrayImage.Decode(File.ReadAllBytes(Path.Combine(dir.FullName, "p.png")));
            Assert.Equal((png.Width, png.Height), (page.Width, page.Height));
            Assert.Equal(png.Pixels, page.Pixels);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
