using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Quarry.Parsing.Imaging;

namespace Quarry.Parsing.Readers.Ocr;

/// <summary>
/// PaddleOCR's direction classifier (input 3 × 48 × 192, normalised to [-1, 1]; classes 0° and 180°) used per
/// page rather than per line: a page scanned upside down is turned once, before recognition, instead of each
/// line being classified and flipped. The page's longest lines vote, weighted by their width.
/// </summary>
public sealed class OrientationClassifier(InferenceSession session)
{
    private const int Height = 48;
    private const int Width = 192;

    /// <summary>Lines sampled per page: the longest, which carry the most evidence.</summary>
    public int SampleLines { get; init; } = 12;

    /// <summary>True when the page's text reads upside down.</summary>
    public bool IsUpsideDown(GrayImage page, IReadOnlyList<TextBox> boxes) => Vote(page, boxes).IsUpsideDown;

    /// <summary>The sampled lines' width-weighted votes for upright and upside down.</summary>
    public OrientationVote Vote(GrayImage page, IReadOnlyList<TextBox> boxes)
    {
        var sample = boxes.Where(b => b.Width > 2 * b.Height).OrderByDescending(b => b.Width).Take(SampleLines).ToList();
        if (sample.Count == 0)
        {
            return default;
        }
        var input = new DenseTensor<float>([sample.Count, 3, Height, Width]);
        var buffer = input.Buffer.Span;
        var plane = Height * Width;
        for (var n = 0; n < sample.Count; n++)
        {
            var b = sample[n];
            var crop = page.Crop(b.X0, b.Y0, b.Width, b.Height);
            // Aspect kept, width capped at 192, right-padded with zeros as PaddleOCR pads.
            var w = Math.Clamp((int)Math.Ceiling(Height * (double)crop.Width / crop.Height), 1, Width);
            var resized = crop.Resize(w, Height);
            for (var y = 0; y < Height; y++)
            {
                for (var x = 0; x < w; x++)
                {
                    var v = (resized[x, y] / 255f - 0.5f) / 0.5f;
                    var at = (n * 3 * plane) + (y * Width) + x;
                    buffer[at] = v;
                    buffer[at + plane] = v;
                    buffer[at + (2 * plane)] = v;
                }
            }
        }
        using var output = session.Run([NamedOnnxValue.CreateFromTensor(session.InputNames[0], input)]);
        var probs = output[0].AsTensor<float>();
        double upright = 0, flipped = 0;
        for (var n = 0; n < sample.Count; n++)
        {
            upright += probs[n, 0] * sample[n].Width;
            flipped += probs[n, 1] * sample[n].Width;
        }
        return new OrientationVote(upright, flipped);
    }
}

/// <summary>Width-weighted votes of a page's lines for reading upright or upside down.</summary>
public readonly record struct OrientationVote(double Upright, double Flipped)
{
    // Clear majority only: a wrong flip ruins a good page.
    public bool IsUpsideDown => Flipped > Upright * 2;

    /// <summary>
    /// The lines read clearly one way or the other. Characters lying on their side (a page turned the wrong
    /// way, or vertical CJK text) leave the classifier near even; real lines of a turned scan gave 2:1 to 40:1.
    /// </summary>
    public bool IsClear => Math.Max(Upright, Flipped) > 1.5 * Math.Min(Upright, Flipped);
}
