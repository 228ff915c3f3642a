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
/// normalised to [-1, 1], batched by similar widths (padded with zeros; see <see cref="Batches"/>), then greedy
/// CTC decoding against the model's dictionary (index 0 = blank, repeats collapsed); a right-to-left
/// language's lines are then put in logical order (<see cref="LogicalOrder"/>).
/// </summary>
public sealed class TextRecognizer(RecognitionModel model)
{
    private readonly InferenceSession _session = model.Session;
    private readonly IReadOnlyList<string> _dictionary = model.Dictionary;

    private const int Height = 48;
    private const int MaxWidth = 2400;

    /// <summary>Most crops in one model run.</summary>
    public int BatchSize { get; init; } = 8;

    /// <summary>
    /// Most input columns in one model run (crops × the widest one, padding included). Short crops (table
    /// cells, page numbers) share a run; full-width lines of a page (~1200–1600 columns) run alone: batched
    /// eight at a time they cost 27% more CPU and ~1 GB more peak memory (bench/README.md, issue 13).
    /// </summary>
    public int BatchWidth { get; init; } = 1600;

    /// <summary>
    /// Groups crops of the given input widths into model runs: narrowest first (so a run pads little), a run
    /// growing while it holds under <paramref name="maxCount"/> crops and its padded width (count × widest)
    /// stays within <paramref name="maxColumns"/>; a crop wider than that runs alone.
    /// </summary>
    internal static List<int[]> Batches(IReadOnlyList<int> widths, int maxCount, int maxColumns)
    {
        var batches = new List<int[]>();
        var run = new List<int>();
        foreach (var i in Enumerable.Range(0, widths.Count).OrderBy(i => widths[i]))
        {
            // Ascending order: the crop joining a run is its widest.
            if (run.Count > 0 && (run.Count == maxCount || (run.Count + 1) * widths[i] > maxColumns))
            {
                batches.Add([.. run]);
                run.Clear();
            }
            run.Add(i);
        }
        if (run.Count > 0)
        {
            batches.Add([.. run]);
        }
        return batches;
    }

    /// <summary>The model input's width for a crop: its width at the input height, within bounds.</summary>
    internal static int InputWidth(GrayImage crop) => Math.Clamp((int)Math.Ceiling(Height * (double)crop.Width / crop.Height), 8, MaxWidth);

    /// <summary>The model's input for one crop alone (calibration: <see cref="Graph.RecognizerCalibration"/>).</summary>
    internal static DenseTensor<float> Input(GrayImage crop)
    {
        var width = InputWidth(crop);
        var input = new DenseTensor<float>([1, 3, Height, width]);
        Fill(input.Buffer.Span, crop.Resize(width, Height), 0, width);
        return input;
    }

    /// <summary>
    /// Writes a crop already resized to the input height into the batch at <paramref name="offset"/> (rows
    /// <paramref name="width"/> wide): gray normalised to [-1, 1], in all three channels.
    /// </summary>
    private static void Fill(Span<float> buffer, GrayImage resized, int offset, int width)
    {
        var plane = Height * width;
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < resized.Width; x++)
            {
                var v = (resized.Pixels[(y * resized.Width) + x] / 255f - 0.5f) / 0.5f;
                var at = offset + (y * width) + x;
                buffer[at] = v;
                buffer[at + plane] = v;
                buffer[at + (2 * plane)] = v;
            }
        }
    }

    /// <summary>Reads the crops in batches; <paramref name="ct"/> is checked before each model run.</summary>
    public RecognizedText[] Recognize(IReadOnlyList<GrayImage> crops, CancellationToken ct = default)
    {
        var results = new RecognizedText[crops.Count];
        var inputWidths = crops.Select(InputWidth).ToArray();
        foreach (var batch in Batches(inputWidths, BatchSize, BatchWidth))
        {
            ct.ThrowIfCancellationRequested();
            var t = OcrMetrics.Start();
            var widths = batch.Select(i => inputWidths[i]).ToArray();
            var width = widths.Max();
            var resizedCrops = new GrayImage[batch.Length];
            var input = new DenseTensor<float>([batch.Length, 3, Height, width]);
            var buffer = input.Buffer.Span;
            var plane = Height * width;
            for (var n = 0; n < batch.Length; n++)
            {
                var resized = crops[batch[n]].Resize(widths[n], Height);
                resizedCrops[n] = resized;
                Fill(buffer, resized, n * 3 * plane, width);
            }
            t = OcrMetrics.Record("recognize.prep", t);
            using var output = _session.Run([NamedOnnxValue.CreateFromTensor(_session.InputNames[0], input)]);
            t = OcrMetrics.Record("recognize.model", t);
            var probs = output[0].AsTensor<float>();
            var steps = probs.Dimensions[1];
            var classes = probs.Dimensions[2];
            // The output is read where ONNX Runtime wrote it: a copy was 8 × steps × 6625 floats (~40 MB) a batch.
            var flat = probs is DenseTensor<float> dense ? dense.Buffer : probs.ToArray();
            for (var n = 0; n < batch.Length; n++)
            {
                var line = Decode(flat.Span.Slice(n * steps * classes, steps * classes), steps, classes, resizedCrops[n], (double)width / steps);
                results[batch[n]] = model.Language.RightToLeft ? LogicalOrder.FromVisual(line) : line;
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
            if (best != 0 && best != previous && best - 1 < _dictionary.Count)
            {
                var ch = _dictionary[best - 1];
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
