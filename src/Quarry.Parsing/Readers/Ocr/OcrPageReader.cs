using Quarry.Core.Model;
using Quarry.Parsing.Imaging;
using Quarry.Parsing.Readers;

namespace Quarry.Parsing.Readers.Ocr;

/// <summary>
/// Turns a page image into <see cref="PageContent"/> — the same words the text layer would give — so OCR
/// pages flow through the same layout, reading order and assembly. Each recognised line becomes words
/// spread over the line box by character count; a line whose ink is much denser than the page's typical
/// line is marked bold (scans carry no font names). Lines are read with the recognition model of
/// <paramref name="language"/> (default: <see cref="OcrLanguages.Default"/>).
/// </summary>
public sealed class OcrPageReader(OcrModels models, OcrLanguage? language = null)
{
    private readonly TextDetector _detector = new(models.Detector);
    private readonly TextRecognizer _recognizer = new(models.Recognition(language ?? OcrLanguages.Default));
    private readonly OrientationClassifier _orientation = new(models.Classifier);

    /// <summary>Minimum mean character probability for a line to be kept.</summary>
    public float MinConfidence { get; init; } = 0.5f;

    /// <summary>Reads one page image; <paramref name="ct"/> is checked between model runs (detection, each recognition batch).</summary>
    public PageContent Read(GrayImage image, int pageIndex, double pageWidth, double pageHeight, CancellationToken ct = default)
    {
        var t = OcrMetrics.Start();
        if (image.IsBilevel())
        {
            // The models were trained on gray photos and scans; hard fax edges read worse than softened ones.
            image = image.Smooth();
        }
        t = OcrMetrics.Record("smooth", t);
        image = Deskew.Straighten(image);
        OcrMetrics.Record("deskew", t);
        ct.ThrowIfCancellationRequested();
        IReadOnlyList<TextBox> boxes = _detector.Detect(image);
        ct.ThrowIfCancellationRequested();
        var turns = Orient(ref image, ref boxes, ct);
        if (turns % 2 == 1)
        {
            (pageWidth, pageHeight) = (pageHeight, pageWidth);
        }
        t = OcrMetrics.Start();
        var crops = boxes.Select(b => image.Crop(b.X0, b.Y0, b.Width, b.Height)).ToList();
        OcrMetrics.Record("crops", t);
        var texts = _recognizer.Recognize(crops, ct);
        t = OcrMetrics.Start();
        var sx = pageWidth / image.Width;
        var sy = pageHeight / image.Height;
        var ink = crops.Select(InkDensity).ToArray();
        var typicalInk = Median(ink.Where((_, i) => texts[i].Text.Length > 20).DefaultIfEmpty(ink.DefaultIfEmpty(0).Max()));
        var words = new List<Word>();
        for (var i = 0; i < boxes.Count; i++)
        {
            var (text, confidence) = (texts[i].Text, texts[i].Confidence);
            // A line of dashes read off a table rule is the rule, which the rulings already carry.
            if (!text.Any(char.IsLetterOrDigit) || confidence < MinConfidence)
            {
                continue;
            }
            var b = boxes[i];
            var box = new BoundingBox(b.X0 * sx, b.Y0 * sy, b.X1 * sx, b.Y1 * sy);
            var size = FontSize(crops[i], texts[i].Text) * sy;
            var bold = typicalInk > 0 && ink[i] > typicalInk * 1.3;
            // The recogniser's dictionary is Chinese-first: its full-width punctuation is folded to ASCII.
            var line = texts[i] with { Text = Quarry.Parsing.Text.TextNormalizer.Glyph(Quarry.Parsing.Text.TextNormalizer.FoldWidth(texts[i].Text)) };
            if (line.Text.Length != texts[i].Text.Length)
            {
                line = line with { CharCenters = [] };
            }
            var (inkLeft, inkRight) = InkColumns(crops[i]);
            // Crops reach into the margins around a line; its words end where its ink does, so the gutter
            // between two columns stays empty in the word boxes.
            var inkSpan = ((b.X0 + inkLeft) * sx, (b.X0 + inkRight + 1) * sx);
            words.AddRange(Split(line, box, inkSpan, size, bold ? FontTraits.Bold : FontTraits.None));
        }
        t = OcrMetrics.Record("words", t);
        var rulings = RuleFinder.Find(image, image.Width / 12)
            .Select(r => new Ruling(new BoundingBox(r.X0 * sx, r.Y0 * sy, r.X1 * sx, r.Y1 * sy), r.Horizontal))
            .ToList();
        OcrMetrics.Record("rulings", t);
        return new PageContent
        {
            PageIndex = pageIndex,
            Width = pageWidth,
            Height = pageHeight,
            Words = words,
            Rulings = rulings,
            QuarterTurns = turns,
        };
    }

    /// <summary>
    /// Turns the image until its lines read upright: a quarter clockwise when they run up or down the page,
    /// then half a turn when they read upside down. Returns the clockwise quarter turns applied.
    /// </summary>
    private int Orient(ref GrayImage image, ref IReadOnlyList<TextBox> boxes, CancellationToken ct)
    {
        var t = OcrMetrics.Start();
        var turns = 0;
        var vote = default(OrientationVote);
        if (SidewaysText.Dominates(boxes))
        {
            var turned = image.RotateClockwise();
            ct.ThrowIfCancellationRequested();
            var turnedBoxes = _detector.Detect(turned);
            var turnedVote = _orientation.Vote(turned, turnedBoxes);
            // Kept only when the turned lines read clearly one way: vertical CJK text also has tall boxes,
            // and its characters, turned, lie on their side.
            if (turnedVote.IsClear)
            {
                (image, boxes, vote, turns) = (turned, turnedBoxes, turnedVote, 1);
            }
            else
            {
                vote = _orientation.Vote(image, boxes);
            }
        }
        else
        {
            vote = _orientation.Vote(image, boxes);
        }
        OcrMetrics.Record("orientation", t);
        if (vote.IsUpsideDown)
        {
            image = image.Rotate180();
            ct.ThrowIfCancellationRequested();
            boxes = _detector.Detect(image);
            turns += 2;
        }
        return turns;
    }

    /// <summary>Words of a recognised line, placed where the recogniser saw their characters (so column gaps stay gaps).</summary>
    private static IEnumerable<Word> Split(RecognizedText line, BoundingBox box, (double Left, double Right) ink, double size, FontTraits traits)
    {
        var text = line.Text;
        var centers = line.CharCenters;
        var advance = text.Length > 1 && centers.Count == text.Length ? Math.Max(0.001, (centers[^1] - centers[0]) / (text.Length - 1)) : 1.0 / Math.Max(1, text.Length);
        var baseline = box.Y1 - (box.Height * 0.25);
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && text[i] == ' ')
            {
                i++;
            }
            var start = i;
            while (i < text.Length && text[i] != ' ')
            {
                i++;
            }
            if (i == start)
            {
                break;
            }
            double a, b;
            if (centers.Count == text.Length)
            {
                a = centers[start] - (advance / 2);
                b = centers[i - 1] + (advance / 2);
            }
            else
            {
                a = (double)start / text.Length;
                b = (double)i / text.Length;
            }
            var x0 = Math.Clamp(box.X0 + (a * box.Width), ink.Left, ink.Right);
            var x1 = Math.Clamp(box.X0 + (b * box.Width), ink.Left, ink.Right);
            yield return new Word(text[start..i], new BoundingBox(x0, box.Y0, Math.Max(x1, x0 + 0.5), box.Y1), baseline, size, traits, "ocr");
        }
    }

    /// <summary>
    /// The font size a line was set in, from its x-height band (the rows where ink is dense): box heights
    /// vary with ascenders and descenders, the x-height does not. Latin x-heights are ~45% of the size.
    /// </summary>
    private static double FontSize(GrayImage crop, string text)
    {
        // A line of capitals has no x-height band: its dense band is the cap height (~70% of the size).
        var letters = text.Count(char.IsLetter);
        var ratio = letters > 0 && text.Count(char.IsUpper) > 0.7 * letters ? 0.7 : 0.45;
        var core = crop.CoreHeight();
        return Math.Max(1, core / ratio);
    }

    /// <summary>First and last pixel columns of a crop holding ink (the whole crop when it has none).</summary>
    private static (int Left, int Right) InkColumns(GrayImage crop)
    {
        var inked = crop.InkedColumns(0.5);
        var left = Array.IndexOf(inked, true);
        return left < 0 ? (0, crop.Width - 1) : (left, Array.LastIndexOf(inked, true));
    }

    /// <summary>Share of dark pixels: bold strokes cover more of a line than regular ones.</summary>
    private static double InkDensity(GrayImage crop)
    {
        var dark = 0;
        foreach (var p in crop.Pixels)
        {
            if (p < 128)
            {
                dark++;
            }
        }
        return (double)dark / Math.Max(1, crop.Pixels.Length);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[sorted.Length / 2];
    }
}
