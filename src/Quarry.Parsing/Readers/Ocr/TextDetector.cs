using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Quarry.Parsing.Imaging;

namespace Quarry.Parsing.Readers.Ocr;

/// <summary>An axis-aligned text line found on a page image, in that image's pixels.</summary>
public readonly record struct TextBox(int X0, int Y0, int X1, int Y1, float Score)
{
    public int Width => X1 - X0;
    public int Height => Y1 - Y0;
}

/// <summary>
/// DB text detection as PaddleOCR does it: resize to multiples of 32, ImageNet normalisation, probability
/// map, binarise at 0.3, connected regions → boxes scored by their mean probability (≥ 0.6 kept), boxes
/// grown back by the unclip ratio 1.5 (the model predicts shrunk text kernels).
/// </summary>
public sealed class TextDetector(InferenceSession session)
{
    private const float BinaryThreshold = 0.3f;
    private const float BoxThreshold = 0.6f;
    private const double UnclipRatio = 1.5;
    private static readonly float[] Mean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] Std = [0.229f, 0.224f, 0.225f];

    /// <summary>
    /// Longest side fed to the model: PaddleOCR's default (det_limit_side_len 960). Cost grows with area; on
    /// the scanned corpus 960 found lines as well as 1600 did (text 0.981 vs 0.979 on a 3-document subset) in a
    /// third of the model time (bench/README.md, issue 13).
    /// </summary>
    public int MaxSide { get; init; } = 960;

    public List<TextBox> Detect(GrayImage image)
    {
        var t = OcrMetrics.Start();
        var scale = Math.Min(1.0, (double)MaxSide / Math.Max(image.Width, image.Height));
        var w = Math.Max(32, (int)Math.Round(image.Width * scale / 32) * 32);
        var h = Math.Max(32, (int)Math.Round(image.Height * scale / 32) * 32);
        var resized = image.Resize(w, h);
        var input = new DenseTensor<float>([1, 3, h, w]);
        var buffer = input.Buffer.Span;
        var plane = w * h;
        for (var i = 0; i < plane; i++)
        {
            var v = resized.Pixels[i] / 255f;
            // Gray replicated into the three (BGR) channels the model was trained on.
            buffer[i] = (v - Mean[0]) / Std[0];
            buffer[plane + i] = (v - Mean[1]) / Std[1];
            buffer[(2 * plane) + i] = (v - Mean[2]) / Std[2];
        }
        t = OcrMetrics.Record("detect.prep", t);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(session.InputNames[0], input)]);
        t = OcrMetrics.Record("detect.model", t);
        var prob = results[0].AsTensor<float>().ToArray();
        var boxes = Regions(prob, w, h);
        var sx = (double)image.Width / w;
        var sy = (double)image.Height / h;
        var found = boxes.Select(b => new TextBox(
            Math.Clamp((int)Math.Floor(b.X0 * sx), 0, image.Width - 1),
            Math.Clamp((int)Math.Floor(b.Y0 * sy), 0, image.Height - 1),
            Math.Clamp((int)Math.Ceiling(b.X1 * sx), 1, image.Width),
            Math.Clamp((int)Math.Ceiling(b.Y1 * sy), 1, image.Height),
            b.Score)).Where(b => b.Width > 2 && b.Height > 2).ToList();
        OcrMetrics.Record("detect.boxes", t);
        return found;
    }

    /// <summary>
    /// Connected regions of the binarised map (4-neighbour flood fill), each cut at rows where it narrows to
    /// almost nothing — two lines of dense text can touch through a descender — then unclipped.
    /// </summary>
    private static List<(double X0, double Y0, double X1, double Y1, float Score)> Regions(float[] prob, int w, int h)
    {
        var seen = new bool[prob.Length];
        var stack = new Stack<int>();
        var pixels = new List<int>();
        var kernels = new List<Kernel>();
        for (var start = 0; start < prob.Length; start++)
        {
            if (seen[start] || prob[start] <= BinaryThreshold)
            {
                continue;
            }
            pixels.Clear();
            seen[start] = true;
            stack.Push(start);
            while (stack.Count > 0)
            {
                var p = stack.Pop();
                pixels.Add(p);
                int x = p % w, y = p / w;
                if (x > 0) Visit(p - 1);
                if (x < w - 1) Visit(p + 1);
                if (y > 0) Visit(p - w);
                if (y < h - 1) Visit(p + w);
            }
            foreach (var line in SplitRows(pixels, w))
            {
                foreach (var part in SplitColumns(line, w))
                {
                    AddKernel(part);
                }
            }
        }
        var lines = AttachMarks(kernels);
        return lines.Select(k => Unclip(k, lines)).ToList();

        void Visit(int q)
        {
            if (!seen[q] && prob[q] > BinaryThreshold)
            {
                seen[q] = true;
                stack.Push(q);
            }
        }

        void AddKernel(List<int> part)
        {
            int minX = int.MaxValue, minY = int.MaxValue, maxX = -1, maxY = -1;
            double sum = 0;
            foreach (var p in part)
            {
                int x = p % w, y = p / w;
                minX = Math.Min(minX, x);
                maxX = Math.Max(maxX, x);
                minY = Math.Min(minY, y);
                maxY = Math.Max(maxY, y);
                sum += prob[p];
            }
            var bw = maxX - minX + 1;
            var bh = maxY - minY + 1;
            var score = (float)(sum / part.Count);
            if (Math.Min(bw, bh) < 3 || score < BoxThreshold)
            {
                return;
            }
            kernels.Add(new Kernel(minX, minY, maxX + 1, maxY + 1, score));
        }
    }

    /// <summary>
    /// Grows a kernel back to its text (the model predicts lines shrunk by the DB ratio): by area × 1.5 /
    /// perimeter on every side, the Vatti offset of a rectangle. For a long line that offset tends to 0.75 ×
    /// its height; vertically it is capped at 0.3 × the height, or it would swallow the neighbouring lines of
    /// dense text. Sideways it is kept whole, so the first and last characters (a line-end hyphen) stay
    /// inside the crop, but stops halfway to the next kernel on the same row, so a narrow column gutter
    /// never lets one column's crop take in the other's first letters.
    /// </summary>
    private static (double X0, double Y0, double X1, double Y1, float Score) Unclip(Kernel k, List<Kernel> all)
    {
        var d = k.Width * k.Height * UnclipRatio / (2.0 * (k.Width + k.Height));
        var dy = Math.Min(d, 0.3 * k.Height);
        double left = k.X0 - d, right = k.X1 + d;
        foreach (var o in all)
        {
            if (ReferenceEquals(o, k) || Math.Min(o.Y1, k.Y1) - Math.Max(o.Y0, k.Y0) <= 0)
            {
                continue;
            }
            if (o.X0 >= k.X1)
            {
                right = Math.Min(right, (k.X1 + o.X0) / 2);
            }
            else if (o.X1 <= k.X0)
            {
                left = Math.Max(left, (o.X1 + k.X0) / 2);
            }
        }
        return (left, k.Y0 - dy, right, k.Y1 + dy, k.Score);
    }

    /// <summary>A text kernel in map pixels (end-exclusive); mutable so a line can take in its trailing marks.</summary>
    internal sealed class Kernel(double x0, double y0, double x1, double y1, float score)
    {
        public double X0 { get; } = x0;
        public double Y0 { get; } = y0;
        public double X1 { get; set; } = x1;
        public double Y1 { get; } = y1;
        public float Score { get; } = score;
        public double Width => X1 - X0;
        public double Height => Y1 - Y0;
    }

    /// <summary>
    /// Folds the small kernels the map gives a line-end hyphen, a full stop or a comma into the line on their
    /// left: recognised alone they come back empty, and a hyphen lost at a line end leaves "soft ware" for
    /// "software". A mark is a kernel under 0.7 × the line's height, inside its band, starting within one line
    /// height of its end; marks always follow their line in left-to-right text, so they never attach right.
    /// </summary>
    internal static List<Kernel> AttachMarks(List<Kernel> kernels)
    {
        var lines = kernels.OrderBy(k => k.X0).ToList();
        var marks = new List<Kernel>();
        foreach (var m in lines)
        {
            var host = lines
                .Where(l => !ReferenceEquals(l, m) && !marks.Contains(l) && m.Height < 0.7 * l.Height
                    && m.Y0 >= l.Y0 - (0.2 * l.Height) && m.Y1 <= l.Y1 + (0.2 * l.Height)
                    && m.X0 >= l.X1 - 1 && m.X0 - l.X1 <= l.Height)
                .OrderBy(l => m.X0 - l.X1)
                .FirstOrDefault();
            if (host is not null)
            {
                host.X1 = Math.Max(host.X1, m.X1);
                marks.Add(m);
            }
        }
        return lines.Where(l => !marks.Contains(l)).ToList();
    }

    /// <summary>
    /// Cuts a line region where it thins to a thread for longer than its own height: the lines of two
    /// columns joined across a narrow gutter. Word spaces inside a line stay filled in the map.
    /// </summary>
    private static List<List<int>> SplitColumns(List<int> pixels, int w)
    {
        int minX = int.MaxValue, maxX = -1, minY = int.MaxValue, maxY = -1;
        foreach (var p in pixels)
        {
            minX = Math.Min(minX, p % w);
            maxX = Math.Max(maxX, p % w);
            minY = Math.Min(minY, p / w);
            maxY = Math.Max(maxY, p / w);
        }
        var height = maxY - minY + 1;
        var profile = new int[maxX - minX + 1];
        foreach (var p in pixels)
        {
            profile[(p % w) - minX]++;
        }
        var limit = height * 0.2;
        var cuts = new List<(int From, int To)>();
        for (int x = 0, run = 0; x <= profile.Length; x++)
        {
            if (x < profile.Length && profile[x] <= limit)
            {
                run++;
                continue;
            }
            if (run >= height && x - run > 0 && x < profile.Length)
            {
                cuts.Add((x - run, x));
            }
            run = 0;
        }
        return Partition(pixels, cuts.Count, p =>
        {
            var col = (p % w) - minX;
            var k = 0;
            while (k < cuts.Count && col >= cuts[k].From)
            {
                if (col < cuts[k].To)
                {
                    return null; // the thread across the gutter belongs to neither column
                }
                k++;
            }
            return k;
        });
    }

    /// <summary>Cuts a region at rows holding under 15% of its widest row; a single line comes back whole.</summary>
    private static List<List<int>> SplitRows(List<int> pixels, int w)
    {
        var minY = int.MaxValue;
        var maxY = -1;
        foreach (var p in pixels)
        {
            minY = Math.Min(minY, p / w);
            maxY = Math.Max(maxY, p / w);
        }
        var profile = new int[maxY - minY + 1];
        foreach (var p in pixels)
        {
            profile[(p / w) - minY]++;
        }
        var limit = profile.Max() * 0.15;
        var cuts = new List<int>();
        for (var r = 1; r < profile.Length - 1; r++)
        {
            if (profile[r] <= limit && profile[r - 1] > limit)
            {
                cuts.Add(r);
            }
        }
        return Partition(pixels, cuts.Count, p =>
        {
            var row = (p / w) - minY;
            if (profile[row] <= limit)
            {
                return null; // the thin bridge itself belongs to neither line
            }
            var k = 0;
            while (k < cuts.Count && row >= cuts[k])
            {
                k++;
            }
            return k;
        });
    }

    /// <summary>Deals a region's pixels into <paramref name="cuts"/> + 1 parts; <paramref name="partOf"/> null drops a pixel.</summary>
    private static List<List<int>> Partition(List<int> pixels, int cuts, Func<int, int?> partOf)
    {
        if (cuts == 0)
        {
            return [pixels];
        }
        var parts = new List<int>[cuts + 1];
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = [];
        }
        foreach (var p in pixels)
        {
            if (partOf(p) is { } k)
            {
                parts[k].Add(p);
            }
        }
        return parts.Where(p => p.Count > 0).ToList();
    }
}
