using Quarry.Core.Model;
using UglyToad.PdfPig.Content;

namespace Quarry.Parsing.Readers.TextLayer;

/// <summary>Keeps glyph positions and short rules for pages drawn with a math font (cmmi, cmsy, msbm, …); null for the others.</summary>
internal static class MathGlyphReader
{
    // TeX's fraction bars and radical overlines are 0.4–1 pt thick; table rules are kept by the rulings reader.
    private const double MaxBarThickness = 1.6;

    public static MathLayer? Read(Page page, Frame frame)
    {
        if (!UsesMathFont(page.Letters))
        {
            return null;
        }
        var glyphs = new List<Glyph>(page.Letters.Count);
        foreach (var l in page.Letters)
        {
            if (l.RenderingMode == UglyToad.PdfPig.Core.TextRenderingMode.Neither || string.IsNullOrWhiteSpace(l.Value))
            {
                continue;
            }
            var size = l.PointSize >= 1 ? l.PointSize : Math.Max(1, l.BoundingBox.Height);
            glyphs.Add(new Glyph(l.Value, frame.Map(l.BoundingBox), frame.FromTop(frame.Turn(l.StartBaseLine).Y), size, l.FontName ?? ""));
        }
        return new MathLayer(glyphs, ReadBars(page, frame));
    }

    // Font names repeat letter after letter: the name is tested only when it changes.
    private static bool UsesMathFont(IReadOnlyList<Letter> letters)
    {
        string? last = null;
        foreach (var l in letters)
        {
            if (ReferenceEquals(l.FontName, last))
            {
                continue;
            }
            last = l.FontName;
            if ((FontTraitReader.Read(last, false, false) & FontTraits.Math) != 0)
            {
                return true;
            }
        }
        return false;
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
