using Quarry.Core.Model;
using UglyToad.PdfPig.Content;

namespace Quarry.Parsing.Readers.TextLayer;

/// <summary>
/// Keeps glyph positions and short rules for pages where a math font (cmmi, cmsy, msbm, …) draws something
/// other than a text ornament (a bullet, the brackets of ⟨file⟩, punctuation); null for the others.
/// </summary>
internal static class MathGlyphReader
{
    // TeX's fraction bars and radical overlines are 0.4–1 pt thick; table rules are kept by the rulings reader.
    private const double MaxBarThickness = 1.6;

    // A formula reaches a few lines above and below its math-font glyphs (numerators, limits, a denominator
    // "2"); glyphs farther away take no part in any formula, so they are not kept.
    private const double BandLines = 4;
    private const double MinBand = 40;

    public static MathLayer? Read(Page page, Frame frame)
    {
        var bands = FormulaBands(page.Letters, frame);
        if (bands.Count == 0)
        {
            return null;
        }
        var starts = new double[bands.Count];
        for (var i = 0; i < starts.Length; i++)
        {
            starts[i] = bands[i].From;
        }
        var glyphs = new List<Glyph>(page.Letters.Count); // sized once: growing a list of these records showed in profiles
        foreach (var l in page.Letters)
        {
            if (l.RenderingMode == UglyToad.PdfPig.Core.TextRenderingMode.Neither || string.IsNullOrWhiteSpace(l.Value))
            {
                continue;
            }
            var box = frame.Map(l.BoundingBox);
            if (!InBand(bands, starts, box.CenterY))
            {
                continue;
            }
            var size = l.PointSize >= 1 ? l.PointSize : Math.Max(1, l.BoundingBox.Height);
            glyphs.Add(new Glyph(l.Value, box, frame.FromTop(frame.Turn(l.StartBaseLine).Y), size, l.FontName ?? ""));
        }
        return new MathLayer(glyphs, ReadBars(page, frame));
    }

    /// <summary>
    /// The page's heights (top-down, merged, sorted) within reach of a glyph a formula draws: one in a math font
    /// that is not a text ornament. Font names repeat letter after letter: a name is tested only when it changes.
    /// </summary>
    private static List<(double From, double To)> FormulaBands(IReadOnlyList<Letter> letters, Frame frame)
    {
        var bands = new List<(double From, double To)>();
        // Text switches fonts word after word: each font (one name object per font) is read once per page.
        var known = new Dictionary<string, bool>(ReferenceEqualityComparer.Instance);
        string? last = null;
        var math = false;
        foreach (var l in letters)
        {
            if (!ReferenceEquals(l.FontName, last))
            {
                last = l.FontName;
                if (last is null)
                {
                    math = false;
                }
                else if (!known.TryGetValue(last, out math))
                {
                    math = (FontTraitReader.Read(last, false, false) & FontTraits.Math) != 0;
                    known[last] = math;
                }
            }
            if (math && !string.IsNullOrWhiteSpace(l.Value) && !TextOrnaments.Contains(l.Value))
            {
                var box = frame.Map(l.BoundingBox);
                var reach = Math.Max(BandLines * Math.Max(l.PointSize, box.Height), MinBand);
                bands.Add((box.Y0 - reach, box.Y1 + reach));
            }
        }
        if (bands.Count < 2)
        {
            return bands;
        }
        bands.Sort();
        var merged = new List<(double From, double To)> { bands[0] };
        foreach (var b in bands)
        {
            if (b.From <= merged[^1].To)
            {
                merged[^1] = (merged[^1].From, Math.Max(merged[^1].To, b.To));
            }
            else
            {
                merged.Add(b);
            }
        }
        return merged;
    }

    private static bool InBand(List<(double From, double To)> bands, double[] starts, double y)
    {
        var i = Array.BinarySearch(starts, y);
        i = i < 0 ? ~i - 1 : i;
        return i >= 0 && y <= bands[i].To;
    }

    private static List<BoundingBox> ReadBars(Page page, Frame frame)
    {
        var bars = new List<BoundingBox>();
        try
        {
            foreach (var path in page.Paths)
            {
                if (path.IsClipping || (!path.IsFilled && !path.IsStroked))
                {
                    continue;
                }
                var stroke = path.IsStroked ? path.LineWidth : 0;
                foreach (var sub in path)
                {
                    if (sub.GetBoundingRectangle() is not { } r)
                    {
                        continue;
                    }
                    var box = frame.Map(r);
                    var thickness = box.Height + stroke;
                    if (thickness <= MaxBarThickness && box.Width >= 1.5 && box.Width > 3 * thickness)
                    {
                        bars.Add(new BoundingBox(box.X0, box.CenterY - thickness / 2, box.X1, box.CenterY + thickness / 2));
                    }
                }
            }
        }
        catch (Exception ex) when (PageContentReader.IsReadFailure(ex))
        {
            bars.Clear(); // drawings the rulings reader also could not read: equations lose their bars only
        }
        return bars;
    }
}
