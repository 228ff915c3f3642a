namespace Quarry.ModelStandIn;

/// <summary>An 8-bit gray image and the small signatures the stand-in compares images by.</summary>
public sealed record Raster(int Width, int Height, byte[] Pixels)
{
    /// <summary>Lighter than this is paper.</summary>
    private const byte Paper = 235;

    public Raster Crop(int x0, int y0, int x1, int y1)
    {
        x0 = Math.Clamp(x0, 0, Width - 1);
        y0 = Math.Clamp(y0, 0, Height - 1);
        var w = Math.Clamp(x1 - x0, 1, Width - x0);
        var h = Math.Clamp(y1 - y0, 1, Height - y0);
        var dst = new byte[w * h];
        for (var row = 0; row < h; row++)
        {
            Array.Copy(Pixels, ((y0 + row) * Width) + x0, dst, row * w, w);
        }
        return new Raster(w, h, dst);
    }

    /// <summary>
    /// The rectangle that holds the ink: crops differ by a few pixels of margin (box rounding, the client's
    /// padding of extreme aspect ratios), the ink they hold does not.
    /// </summary>
    public Raster TrimPaper()
    {
        int minX = Width, minY = Height, maxX = -1, maxY = -1;
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                if (Pixels[(y * Width) + x] < Paper)
                {
                    minX = Math.Min(minX, x);
                    maxX = Math.Max(maxX, x);
                    minY = Math.Min(minY, y);
                    maxY = Math.Max(maxY, y);
                }
            }
        }
        return maxX < 0 ? this : Crop(minX, minY, maxX + 1, maxY + 1);
    }

    public double Aspect => (double)Width / Height;

    /// <summary>Area-averaged, contrast-stretched <paramref name="n"/>×<paramref name="n"/> thumbnail (aspect ignored, as the client's 1036² resize ignores it).</summary>
    public byte[] Thumbnail(int n)
    {
        var sums = new long[n * n];
        var counts = new int[n * n];
        for (var y = 0; y < Height; y++)
        {
            var ty = Math.Min(n - 1, y * n / Height);
            for (var x = 0; x < Width; x++)
            {
                var cell = (ty * n) + Math.Min(n - 1, x * n / Width);
                sums[cell] += Pixels[(y * Width) + x];
                counts[cell]++;
            }
        }
        var means = new double[n * n];
        for (var i = 0; i < means.Length; i++)
        {
            means[i] = counts[i] == 0 ? 255 : (double)sums[i] / counts[i];
        }
        // Stretched to the full range: a text crop averages to light grays, and contrast is what tells two apart.
        var (min, max) = (means.Min(), means.Max());
        var range = Math.Max(1, max - min);
        return [.. means.Select(m => (byte)Math.Round((m - min) * 255 / range))];
    }

    /// <summary>Mean absolute difference of two thumbnails, 0 (same) to 1.</summary>
    public static double Distance(byte[] a, byte[] b)
    {
        long sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += Math.Abs(a[i] - b[i]);
        }
        return sum / (255.0 * a.Length);
    }
}
