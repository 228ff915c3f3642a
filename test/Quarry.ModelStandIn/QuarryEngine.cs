using Quarry.Core.Model;
using Quarry.Parsing.Pipeline;
using Quarry.Parsing.Imaging;
using Quarry.Parsing.Rasterization;

namespace Quarry.ModelStandIn;

/// <summary>
/// Every use of Quarry.Parsing in the stand-in, in one place (that project is being reshaped; this is the
/// only file whose usings follow it): the text-layer parse that says where a PDF's blocks are, page renders,
/// and image decoding.
/// </summary>
internal static class QuarryEngine
{
    public static ParsedDocument Parse(byte[] pdf, string name) =>
        DocumentParser.Parse(pdf, name, "txt", new ParseOptions { Crops = false, PageBudget = TimeSpan.Zero });

    /// <summary>Every page in gray at <paramref name="dpi"/> (pdftoppm).</summary>
    public static IReadOnlyList<Raster> Render(byte[] pdf, int pages, int dpi)
    {
        using var document = new PdftoppmRasterizer().Open(pdf);
        return [.. document.Render(0, pages - 1, dpi, TimeSpan.FromMinutes(2), CancellationToken.None).Select(g => new Raster(g.Width, g.Height, g.Pixels))];
    }

    /// <summary>PNG/JPEG bytes to gray; null when they are no image Skia can read.</summary>
    public static Raster? Decode(byte[] data)
    {
        try
        {
            var g = GrayImage.Decode(data);
            return new Raster(g.Width, g.Height, g.Pixels);
        }
        catch (Quarry.Parsing.Errors.ParseException)
        {
            return null;
        }
    }
}
