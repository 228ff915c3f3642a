namespace Quarry.Parsing.Readers.Model.Vlm;

/// <summary>
/// PIL's <c>Image.resize(size, BICUBIC)</c>: a separable convolution with the Keys cubic (a = −0.5) whose
/// support widens with the downscale factor (so a 3500 px page shrunk to 1036 px is filtered, not
/// point-sampled as GPU-style cubic sampling would), horizontal pass first, rounded to 8 bits between passes.
/// Weights are fixed-point with PIL's 22 fraction bits and its rounding, so the pixels match PIL's exactly
/// (double weights were off by one in a few pixels, and the model sees the image PIL makes).
/// The model was trained on PIL's output, so its resampler is matched rather than Skia's.
/// </summary>
internal static class BicubicResampler
{
    private const double Support = 2.0;
    private const double A = -0.5;
    private const int PrecisionBits = 32 - 8 - 2;

    public static RgbImage Resize(RgbImage source, int width, int height)
    {
        if (source.Width == width && source.Height == height)
        {
            return source;
        }
        var horizontal = source.Width == width ? source : Horizontal(source, width);
        return horizontal.Height == height ? horizontal : Vertical(horizontal, height);
    }

    private static RgbImage Horizontal(RgbImage src, int width)
    {
        var (starts, weights, taps) = Coefficients(src.Width, width);
        var output = new RgbImage(width, src.Height);
        Parallel.For(0, src.Height, y =>
        {
            var row = y * src.Width * 3;
            for (var x = 0; x < width; x++)
            {
                int r = Half, g = Half, b = Half;
                var k = x * taps;
                for (var i = 0; i < taps; i++)
                {
                    var w = weights[k + i];
                    if (w == 0)
                    {
                        continue;
                    }
                    var p = row + (starts[x] + i) * 3;
                    r += src.Pixels[p] * w;
                    g += src.Pixels[p + 1] * w;
                    b += src.Pixels[p + 2] * w;
                }
                var d = (y * width + x) * 3;
                output.Pixels[d] = Clip(r);
                output.Pixels[d + 1] = Clip(g);
                output.Pixels[d + 2] = Clip(b);
            }
        });
        return output;
    }

    private static RgbImage Vertical(RgbImage src, int height)
    {
        var (starts, weights, taps) = Coefficients(src.Height, height);
        var output = new RgbImage(src.Width, height);
        var stride = src.Width * 3;
        Parallel.For(0, height, y =>
        {
            var k = y * taps;
            for (var x = 0; x < stride; x++)
            {
                var v = Half;
                for (var i = 0; i < taps; i++)
                {
                    var w = weights[k + i];
                    if (w != 0)
                    {
                        v += src.Pixels[(starts[y] + i) * stride + x] * w;
                    }
                }
                output.Pixels[y * stride + x] = Clip(v);
            }
        });
        return output;
    }

    /// <summary>PIL's precompute_coeffs: per output pixel, the first input index and normalized weights.</summary>
    private static (int[] Starts, int[] Weights, int Taps) Coefficients(int inSize, int outSize)
    {
        var scale = (double)inSize / outSize;
        var filterScale = Math.Max(scale, 1.0);
        var support = Support * filterScale;
        var taps = (int)Math.Ceiling(support) * 2 + 1;
        var starts = new int[outSize];
        var weights = new int[outSize * taps];
        var row = new double[taps];
        var inverse = 1.0 / filterScale;
        for (var x = 0; x < outSize; x++)
        {
            Array.Clear(row);
            var center = (x + 0.5) * scale;
            var min = Math.Max((int)(center - support + 0.5), 0);
            var count = Math.Min((int)(center + support + 0.5), inSize) - min;
            double total = 0;
            for (var i = 0; i < count && i < taps; i++)
            {
                var w = Cubic((i + min - center + 0.5) * inverse);
                row[i] = w;
                total += w;
            }
            for (var i = 0; i < taps; i++)
            {
                var w = total != 0 ? row[i] / total : row[i];
                weights[x * taps + i] = (int)(w < 0 ? -0.5 + w * (1 << PrecisionBits) : 0.5 + w * (1 << PrecisionBits));
            }
            starts[x] = min;
        }
        return (starts, weights, taps);
    }

    private static double Cubic(double x)
    {
        x = Math.Abs(x);
        return x < 1 ? (((A + 2) * x) - (A + 3)) * x * x + 1
            : x < 2 ? (((x - 5) * x + 8) * x - 4) * A
            : 0;
    }

    /// <summary>PIL starts each sum at one half so the final shift rounds.</summary>
    private const int Half = 1 << (PrecisionBits - 1);

    private static byte Clip(int v) => (byte)Math.Clamp(v >> PrecisionBits, 0, 255);
}
