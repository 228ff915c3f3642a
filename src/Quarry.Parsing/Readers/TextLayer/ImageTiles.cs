using Quarry.Core.Model;
using SkiaSharp;

namespace Quarry.Parsing.Readers.TextLayer;

/// <summary>
/// Scanners and PDF producers often store one page picture as many strips or tiles (61 strips a page is
/// common). They are one picture: grouped here by shared edges so the page is routed and exported as one
/// image, and stitched back into one bitmap for export.
/// </summary>
internal static class ImageTiles
{
    /// <summary>How far apart (in points) two edges may be and still touch: producers round strip positions.</summary>
    private const double Tolerance = 1.0;

    /// <summary>Groups of indices into <paramref name="boxes"/> whose images tile one another (a single image is a group of one).</summary>
    public static List<List<int>> Group(IReadOnlyList<BoundingBox> boxes)
    {
        var parent = Enumerable.Range(0, boxes.Count).ToArray();
        int Find(int i) => parent[i] == i ? i : parent[i] = Find(parent[i]);
        for (var i = 0; i < boxes.Count; i++)
        {
            for (var j = i + 1; j < boxes.Count; j++)
            {
                if (Adjoin(boxes[i], boxes[j]))
                {
                    parent[Find(i)] = Find(j);
                }
            }
        }
        return [.. Enumerable.Range(0, boxes.Count).GroupBy(Find).Select(g => g.ToList())];
    }

    /// <summary>Two tiles of one picture: same column span and one ends where the other starts, or the same across a row.</summary>
    private static bool Adjoin(BoundingBox a, BoundingBox b)
    {
        static bool Near(double x, double y) => Math.Abs(x - y) <= Tolerance;
        var stacked = Near(a.X0, b.X0) && Near(a.X1, b.X1) && (Near(a.Y1, b.Y0) || Near(b.Y1, a.Y0));
        var sideBySide = Near(a.Y0, b.Y0) && Near(a.Y1, b.Y1) && (Near(a.X1, b.X0) || Near(b.X1, a.X0));
        return stacked || sideBySide;
    }

    /// <summary>
    /// Draws each tile's encoded image (PNG or JPEG) at its place in <paramref name="union"/>, at the first
    /// tile's resolution, and encodes the picture as PNG. Null when a tile cannot be decoded or the picture
    /// would pass <paramref name="maxSamples"/> (the caller names the problem).
    /// </summary>
    public static byte[]? Stitch(IReadOnlyList<(BoundingBox Box, byte[] Encoded)> tiles, BoundingBox union, long maxSamples)
    {
        var bitmaps = new List<SKBitmap>();
        try
        {
            foreach (var (_, encoded) in tiles)
            {
                if (SKBitmap.Decode(encoded) is not { } bitmap)
                {
                    return null;
                }
                bitmaps.Add(bitmap);
            }
            var scale = bitmaps[0].Width / Math.Max(tiles[0].Box.Width, 1e-3); // pixels per point
            var width = (int)Math.Ceiling(union.Width * scale);
            var height = (int)Math.Ceiling(union.Height * scale);
            if (width <= 0 || height <= 0 || (long)width * height * 3 > maxSamples)
            {
                return null;
            }
            using var picture = new SKBitmap(width, height);
            using (var canvas = new SKCanvas(picture))
            {
                canvas.Clear(SKColors.White);
                for (var i = 0; i < tiles.Count; i++)
                {
                    var b = tiles[i].Box;
                    var dest = new SKRect((float)((b.X0 - union.X0) * scale), (float)((b.Y0 - union.Y0) * scale),
                        (float)((b.X1 - union.X0) * scale), (float)((b.Y1 - union.Y0) * scale));
                    using var tile = SKImage.FromBitmap(bitmaps[i]);
                    canvas.DrawImage(tile, dest, new SKSamplingOptions(SKFilterMode.Linear));
                }
            }
            using var data = picture.Encode(SKEncodedImageFormat.Png, 100);
            return data?.ToArray();
        }
        finally
        {
            bitmaps.ForEach(b => b.Dispose());
        }
    }
}
