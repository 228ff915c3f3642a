using Quarry.Parsing.Imaging;

namespace Quarry.Parsing.Rasterization;

/// <summary>Renders PDF pages to bitmaps.</summary>
public interface IPageRasterizer
{
    /// <summary>Prepares <paramref name="pdf"/> for rendering; the result owns whatever that needed (temp files) until disposed.</summary>
    IRasterDocument Open(byte[] pdf);
}

/// <summary>One document opened for rendering, any number of page ranges at a time.</summary>
public interface IRasterDocument : IDisposable
{
    /// <summary>Renders pages <paramref name="first"/>..<paramref name="last"/> (0-based, inclusive) at <paramref name="dpi"/>.</summary>
    IReadOnlyList<GrayImage> Render(int first, int last, int dpi, TimeSpan budget, CancellationToken ct);

    /// <summary>
    /// Renders pages <paramref name="first"/>..<paramref name="last"/> in colour, each as an encoded image
    /// file's bytes (a format Skia decodes), for crops shown to people.
    /// </summary>
    IReadOnlyList<byte[]> RenderColor(int first, int last, int dpi, TimeSpan budget, CancellationToken ct);
}
