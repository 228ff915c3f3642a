using Quarry.Parsing.Imaging;
using Quarry.Parsing.Rasterization;
using Quarry.Parsing.Readers;
using Quarry.Parsing.Readers.Model;

namespace Quarry.Parsing.Pipeline.ModelPages;

/// <summary>How a page is rendered for the model: in colour, as MinerU renders it.</summary>
internal static class ModelRender
{
    /// <summary>MinerU renders at 200 dpi (utils/pdf_reader.py)…</summary>
    public const int Dpi = 200;

    /// <summary>…with the long side at most 3500 px: a larger page gets a lower resolution.</summary>
    public const int MaxLongSide = 3500;

    /// <summary>The resolution for a page of this size, also kept inside the image budget (<see cref="RenderLimits.Dpi"/>).</summary>
    public static int DpiFor(double widthPoints, double heightPoints, long maxImagePixels)
    {
        var longSide = Math.Max(widthPoints, heightPoints);
        var byLongSide = longSide > 0 ? (int)Math.Floor(MaxLongSide * 72.0 / longSide) : Dpi;
        return Math.Clamp(Math.Min(byLongSide, RenderLimits.Dpi(widthPoints, heightPoints, Dpi, maxImagePixels)), 1, Dpi);
    }

    /// <summary>
    /// Renders <paramref name="page"/> (source page <paramref name="sourcePage"/>). An image input's page is
    /// its own render: its resolution is what its pixels and size in points say.
    /// </summary>
    public static PageRender Render(IRasterDocument raster, PageContent page, int sourcePage, ParseOptions options, CancellationToken ct)
    {
        var dpi = page.HasTextLayer ? DpiFor(page.Width, page.Height, options.MaxImagePixels) : 0;
        var bytes = raster.RenderColor(sourcePage, sourcePage, dpi, RenderLimits.Budget(options.PageBudget, 1), ct)[0];
        if (!page.HasTextLayer)
        {
            dpi = (int)Math.Round(GrayImage.Dimensions(bytes).Width * 72 / Math.Max(1, page.Width));
        }
        return new PageRender(page.PageIndex, bytes, page.Width, page.Height, dpi);
    }
}
