using Quarry.Parsing.Imaging;

namespace Quarry.Parsing.Rasterization;

/// <summary>How far a page render may go: its resolution bounded by the image budget, its time by the page budget.</summary>
internal static class RenderLimits
{
    /// <summary>
    /// <paramref name="dpi"/>, lowered for a page so large (a huge MediaBox) that its render would pass the
    /// image budget: the bitmap, in pdftoppm and here, stays bounded whatever the page claims.
    /// </summary>
    public static int Dpi(double widthPoints, double heightPoints, int dpi, long maxImagePixels)
    {
        var maxPixels = Math.Min(maxImagePixels, GrayImage.MaxPixels) * 0.98; // margin for pdftoppm's rounding up
        var area = Math.Max(1, widthPoints * heightPoints / (72.0 * 72.0)); // square inches
        var limit = (int)Math.Floor(Math.Sqrt(maxPixels / area));
        return Math.Clamp(limit, 1, dpi);
    }

    /// <summary>Time allowed to render <paramref name="pages"/> pages: generous (a render is no layout), at least 5 s a page.</summary>
    public static TimeSpan Budget(TimeSpan pageBudget, int pages) =>
        TimeSpan.FromTicks(Math.Max(pageBudget.Ticks, TimeSpan.FromSeconds(5).Ticks) * pages * 4);
}
