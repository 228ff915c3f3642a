namespace Quarry.Parsing.Imaging;

/// <summary>
/// Straightens a scan. A page fed through a scanner comes out turned by a degree or so; over a 1000-pixel
/// line that is a drift of half a line, enough for axis-aligned line boxes to take in their neighbours and
/// for table rules to stop being horizontal. The angle is the one whose horizontal ink profile is the most
/// peaked (text rows line up), searched over ±<see cref="MaxDegrees"/>.
/// </summary>
public static class Deskew
{
    public const double MaxDegrees = 3;
    private const double Step = 0.1;

    /// <summary>Turns smaller than this are left alone: resampling costs sharpness for nothing.</summary>
    public const double MinDegrees = 0.15;

    /// <summary>The page's skew in degrees: what <see cref="Rotate"/> by that angle would have turned a level page into.</summary>
    public static double EstimateAngle(GrayImage image)
    {
        // Ink pixels of a subsampled page are plenty to find rows; every 2nd pixel both ways.
        var threshold = image.InkThreshold(0.5);
        var xs = new List<int>();
        var ys = new List<int>();
        for (var y = 0; y < image.Height; y += 2)
        {
            for (var x = 0; x < image.Width; x += 2)
            {
                if (image[x, y] < threshold)
                {
                    xs.Add(x);
                    ys.Add(y);
                }
            }
        }
        if (xs.Count < 100)
        {
            return 0;
        }
        var steps = (int)Math.Round(MaxDegrees / Step);
        var bins = new int[image.Height + (2 * image.Width) + 2];
        var offset = image.Width + 1;
        double bestScore = -1, bestAngle = 0;
        for (var k = -steps; k <= steps; k++)
        {
            var angle = k * Step;
            var slope = Math.Tan(angle * Math.PI / 180);
            Array.Clear(bins);
            for (var i = 0; i < xs.Count; i++)
            {
                // Bins as tall as the sampling step: finer bins would favour 0° (sampled rows land in every other bin).
                bins[(int)Math.Floor((ys[i] + (xs[i] * slope) + offset) / 2)]++;
            }
            // Sum of squares of the row profile: largest when the rows of text are level.
            double score = 0;
            foreach (var b in bins)
            {
                score += (double)b * b;
            }
            if (score > bestScore)
            {
                (bestScore, bestAngle) = (score, angle);
            }
        }
        return bestAngle;
    }

    /// <summary>The image turned by <paramref name="degrees"/> about its centre (bilinear, white fill), same size.</summary>
    public static GrayImage Rotate(GrayImage image, double degrees)
    {
        var rad = degrees * Math.PI / 180;
        var (sin, cos) = Math.SinCos(rad);
        var cx = (image.Width - 1) / 2.0;
        var cy = (image.Height - 1) / 2.0;
        var dst = new byte[image.Pixels.Length];
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                // Inverse mapping: where in the source this output pixel comes from.
                var dx = x - cx;
                var dy = y - cy;
                var sx = (cos * dx) - (sin * dy) + cx;
                var sy = (sin * dx) + (cos * dy) + cy;
                dst[(y * image.Width) + x] = Sample(image, sx, sy);
            }
        }
        return new GrayImage(image.Width, image.Height, dst);
    }

    private static byte Sample(GrayImage image, double x, double y)
    {
        if (x < 0 || y < 0 || x > image.Width - 1 || y > image.Height - 1)
        {
            return 255;
        }
        var x0 = (int)x;
        var y0 = (int)y;
        var x1 = Math.Min(x0 + 1, image.Width - 1);
        var y1 = Math.Min(y0 + 1, image.Height - 1);
        var wx = x - x0;
        var wy = y - y0;
        var top = (image[x0, y0] * (1 - wx)) + (image[x1, y0] * wx);
        var bottom = (image[x0, y1] * (1 - wx)) + (image[x1, y1] * wx);
        return (byte)Math.Round((top * (1 - wy)) + (bottom * wy));
    }

    /// <summary>The page straightened when it is measurably turned; otherwise the same image.</summary>
    public static GrayImage Straighten(GrayImage image)
    {
        var angle = EstimateAngle(image);
        return Math.Abs(angle) < MinDegrees ? image : Rotate(image, -angle);
    }
}
