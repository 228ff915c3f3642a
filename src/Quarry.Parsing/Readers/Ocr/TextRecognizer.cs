using System.Text;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Quarry.Parsing.Imaging;

namespace Quarry.Parsing.Readers.Ocr;

/// <summary>A recognised line: its text and the mean probability of the characters kept.</summary>
public readonly record struct RecognizedText(string Text, float Confidence, IReadOnlyList<double> CharCenters)
{
    /// <summary>Where each character of <see cref="Text"/> sits, as a share (0–1) of the crop's width.</summary>
    public IReadOnlyList<double> CharCenters { get; init; } = CharCenters;
}

/// <summary>
/// CRNN/SVTR recognition as PaddleOCR does it: each line crop resized to height 48 (width by aspect ratio),
/// normalised to [-1, 1], batched by similar widths (padded with zeros), then greedy CTC decoding against the
/// model's dictionary (index 0 = blank, repeats collapsed).
/// </summary>
public sealed class TextRecognizer(InferenceSession session, IReadOnlyList<string> dictionary)
{
    private const int Height = 48;
    private const int MaxWidth = 2400;
    public int BatchSize { get; init; } = 8;

    /// <summary>Reads the crops in batches; <paramref name="ct"/> is checked before each model run.</summary>
    public RecognizedText[] Recognize(IReadOnlyList<GrayImage> crops, CancellationToken ct = default)
    {
        var results = new RecognizedText[crops.Count];
        var order = Enumerable.Range(0, crops.Count).OrderBy(i => (double)crops[i].Width / crops[i].Height).ToArray();
        for (var b = 0; b < order.Length; b += BatchSize)
        {
            ct.ThrowIfCancellationRequested();
            var t = OcrMetrics.Start();
            var batch = order.Skip(b).Take(BatchSize).ToArray();
            var widths = batch.Select(i => Math.Clamp((int)Math.Ceiling(Height * (double)crops[i].Width / crops[i].Height), 8, MaxWidth)).ToArray();
            var width = widths.Max();
            var resizedCrops = new GrayImage[batch.Length];
            var input = new DenseTensor<float>([batch.Length, 3, Height, width]);
            var buffer = input.Buffer.Span;
            var plane = Height * width;
            for (var n = 0; n < batch.Length; n++)
            {
                var resized = crops[batch[n]].Resize(widths[n], Height);
                resizedCrops[n] = resized;
                var offset = n * 3 * plane;
                for (var y = 0; y < Height; y++)
                {
                    for (var x = 0; x < widths[n]; x++)
                    {
                        var v = (resized.Pixels[(y * widths[n]) + x] / 255f - 0.5f) / 0.5f;
                        var at = offset + (y * width) + x;
                        buffer[at] = v;
                        buffer[at + plane] = v;
                        buffer[at + (2 * plane)] = v;
                    }
                }
            }
            t = OcrMetrics.Record("recognize.prep", t);
            using var output = session.Run([NamedOnnxValue.CreateFromTensor(session.InputNames[0], input)]);
            t = OcrMetrics.Record("recognize.model", t);
            var probs = output[0].AsTensor<float>();
            var steps = probs.Dimensions[1];
            var classes = probs.Dimensions[2];
            var flat = probs.ToArray();
            for (var n = 0; n < batch.Length; n++)
            {
                results[batch[n]] = Decode(flat.AsSpan(n * steps * classes, steps * classes), steps, classes, resizedCrops[n], (double)width / steps);
            }
            OcrMetrics.Record("recognize.decode", t);
        }
        return results;
    }

    private RecognizedText Decode(ReadOnlySpan<float> probs, int steps, int classes, GrayImage crop, double pixelsPerStep)
    {
        var sb = new StringBuilder();
        var previous = 0;
        double confidence = 0;
        var kept = 0;
        var lastX = -1.0;
        // Ink is anything noticeably darker than the paper (share 0.75): thin strokes (the bar of a 't') stay
        // light, and missing them opens false gaps inside words.
        var inked = crop.InkedColumns(0.75);
        var wordGap = Math.Max(MinWordGap, WordGapPerXHeight * crop.CoreHeight());
        var centers = new List<double>();
        for (var t = 0; t < steps; t++)
        {
            var row = probs.Slice(t * classes, classes);
            var best = 0;
            for (var c = 1; c < classes; c++)
            {
                if (row[c] > row[best])
                {
                    best = c;
                }
            }
            if (best != 0 && best != previous && best - 1 < dictionary.Count)
            {
                var ch = dictionary[best - 1];
                var x = (t + 0.5) * pixelsPerStep;
                // The model often drops the space between Latin words; an ink-free gap between two characters
                // wider than a letter gap puts it back.
                if (lastX >= 0 && ch != " " && sb.Length > 0 && sb[^1] != ' ' && !NoSpaceBefore(ch) && sb[^1] is not ('(' or '[' or '/')
                    && WidestGap(inked, lastX, x) >= wordGap)
                {
                    sb.Append(' ');
                    centers.Add((lastX + x) / 2 / crop.Width);
                }
                sb.Append(ch);
                for (var k = 0; k < ch.Length; k++)
                {
                    centers.Add(x / crop.Width);
                }
                confidence += row[best];
                kept++;
                lastX = x;
            }
            previous = best;
        }
        return new RecognizedText(sb.ToString(), kept == 0 ? 0 : (float)(confidence / kept), centers);
    }

    /// <summary>
    /// An ink-free run between two characters means a space when it is at least this share of the line's
    /// x-height. Measured on scanned pages at height 48: gaps between letters of a word stay under 0.25
    /// x-height, gaps between words start at ~0.45, with almost nothing in between.
    /// </summary>
    private const double WordGapPerXHeight = 0.34;

    /// <summary>Floor for lines whose x-height cannot be measured (a few characters, capitals, digits).</summary>
    private const double MinWordGap = 7;

    private static bool NoSpaceBefore(string ch) => ch is "." or "," or ";" or ":" or "!" or "?" or ")" or "]" or "'" or "%";

    /// <summary>Longest run of ink-free columns between two x positions.</summary>
    private static int WidestGap(bool[] inked, double from, double to)
    {
        int best = 0, run = 0;
        for (var x = Math.Max(0, (int)from); x < Math.Min(inked.Length, (int)to); x++)
        {
            run = inked[x] ? 0 : run + 1;
            best = Math.Max(best, run);
        }
        return best;
    }
}
