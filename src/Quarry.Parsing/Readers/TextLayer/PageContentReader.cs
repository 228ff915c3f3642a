using Quarry.Core.Model;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;

namespace Quarry.Parsing.Readers.TextLayer;

/// <summary>Reads a PdfPig page into <see cref="PageContent"/>: words built from glyphs in drawing order, rulings, images.</summary>
public static class PageContentReader
{
    private const double MinFigureSide = 24;

    public const string UnreadableContent = "content stream unreadable";
    public const string UnreadableImage = "image unreadable";
    public const string UnreadableRulings = "drawings unreadable";

    /// <summary>
    /// Reads the page's words, rulings and images. Rulings and each image are read on their own: one that
    /// PdfPig cannot read is left out and named in <see cref="PageContent.Problems"/>, the rest is kept.
    /// </summary>
    public static PageContent Read(Page page, int pageIndex, long maxImageSamples = ImageBudget.DefaultMaxSamples, CancellationToken ct = default)
    {
        // PdfPig already places letters, paths and images relative to the crop box's lower-left corner and
        // turned by /Rotate, in a space page.Width × page.Height (the page as displayed); the frame flips the
        // y axis, and turns the page when most of its text runs sideways or upside down.
        var frame = Frame.For(page.Width, page.Height, page.Letters);
        var (words, unmapped) = WordReader.Read(page.Letters, frame);
        var problems = new List<string>();
        List<Ruling> rulings;
        try
        {
            rulings = ReadRulings(page, frame);
        }
        catch (Exception ex) when (IsReadFailure(ex))
        {
            rulings = [];
            problems.Add(UnreadableRulings);
        }
        return new PageContent
        {
            PageIndex = pageIndex,
            Width = frame.ReadWidth,
            Height = frame.ReadHeight,
            QuarterTurns = frame.Turns,
            Words = words,
            Rulings = rulings,
            // Image names hash the source page (page.Number), not the index in the parsed range, so a
            // figure keeps its name whatever range a job asked for.
            Images = ReadImages(page, frame, page.Number - 1, maxImageSamples, problems, ct),
            UnmappedGlyphs = unmapped,
            Math = MathGlyphReader.Read(page, frame),
            Problems = problems,
        };
    }

    /// <summary>A page whose content stream PdfPig could not read at all: empty, degraded, and left for OCR to recover.</summary>
    public static PageContent Unreadable(int pageIndex, double width, double height) => new()
    {
        PageIndex = pageIndex,
        Width = width,
        Height = height,
        Words = [],
        Problems = [UnreadableContent],
        ContentUnreadable = true,
    };

    /// <summary>A failure of the PDF's content (PdfPig throws many types for that), as opposed to cancellation or exhaustion.</summary>
    public static bool IsReadFailure(Exception ex) => ex is not (OperationCanceledException or OutOfMemoryException or InsufficientExecutionStackException);

    private static List<Ruling> ReadRulings(Page page, Frame frame)
    {
        var rulings = new List<Ruling>();
        foreach (var path in page.Paths)
        {
            if (path.IsClipping || (!path.IsFilled && !path.IsStroked))
            {
                continue;
            }
            var stroke = path.IsStroked ? Math.Max(path.LineWidth, 0.1) : 0;
            foreach (var sub in path)
            {
                var r = sub.GetBoundingRectangle();
                if (r is null)
                {
                    continue;
                }
                var box = frame.Map(r.Value);
                if (box.Height <= 2.5 && box.Width >= 8)
                {
                    rulings.Add(new Ruling(Pad(box, stroke), Horizontal: true));
                }
                else if (box.Width <= 2.5 && box.Height >= 8)
                {
                    rulings.Add(new Ruling(Pad(box, stroke), Horizontal: false));
                }
                else if (path.IsStroked && (sub.IsDrawnAsRectangle || IsClosedBox(sub)) && box.Width >= 8 && box.Height >= 8)
                {
                    // A stroked rectangle is four rules (framed tables, cell borders), whether drawn with `re`
                    // or as a closed path through its four corners.
                    rulings.Add(new Ruling(new BoundingBox(box.X0, box.Y0, box.X1, box.Y0), true));
                    rulings.Add(new Ruling(new BoundingBox(box.X0, box.Y1, box.X1, box.Y1), true));
                    rulings.Add(new Ruling(new BoundingBox(box.X0, box.Y0, box.X0, box.Y1), false));
                    rulings.Add(new Ruling(new BoundingBox(box.X1, box.Y0, box.X1, box.Y1), false));
                }
            }
        }
        return rulings;
    }

    /// <summary>A closed path of straight, axis-aligned segments through at most four corners: a box drawn with m/l/h.</summary>
    private static bool IsClosedBox(PdfSubpath sub)
    {
        const double Tolerance = 0.5;
        var lines = 0;
        PdfPoint? start = null, end = null;
        foreach (var command in sub.Commands)
        {
            switch (command)
            {
                case PdfSubpath.Move move:
                    start ??= move.Location;
                    end = move.Location;
                    break;
                case PdfSubpath.Line line:
                    if (Math.Abs(line.From.X - line.To.X) > Tolerance && Math.Abs(line.From.Y - line.To.Y) > Tolerance)
                    {
                        return false; // a slanted edge
                    }
                    lines++;
                    end = line.To;
                    break;
                case PdfSubpath.Close:
                    end = start;
                    break;
                default:
                    return false; // curves
            }
        }
        var closed = start is { } s && end is { } e && Math.Abs(s.X - e.X) <= Tolerance && Math.Abs(s.Y - e.Y) <= Tolerance;
        return closed && lines is 3 or 4;
    }

    private static BoundingBox Pad(BoundingBox b, double stroke) =>
        stroke <= 0 ? b : new BoundingBox(b.X0, b.Y0 - stroke / 2, b.X1, b.Y1 + stroke / 2);

    private static List<PageImage> ReadImages(Page page, Frame frame, int sourcePage, long maxSamples, List<string> problems, CancellationToken ct)
    {
        var images = new List<PageImage>();
        if (page.NumberOfImages == 0)
        {
            return images;
        }
        List<IPdfImage> all;
        try
        {
            all = page.GetImages().ToList();
        }
        catch (Exception ex) when (IsReadFailure(ex))
        {
            problems.Add(UnreadableImage);
            return images;
        }
        var placed = new List<(IPdfImage Image, BoundingBox Box)>();
        foreach (var image in all)
        {
            try
            {
                var box = frame.Map(image.BoundingBox);
                if (box.Width > 0 && box.Height > 0)
                {
                    placed.Add((image, box));
                }
            }
            catch (Exception ex) when (IsReadFailure(ex))
            {
                problems.Add(UnreadableImage);
            }
        }
        // Strips and tiles of one picture become one image, so the page routes and exports as one picture.
        foreach (var group in ImageTiles.Group([.. placed.Select(p => p.Box)]))
        {
            ct.ThrowIfCancellationRequested();
            var parts = group.Select(i => placed[i]).ToList();
            var box = BoundingBox.UnionAll(parts.Select(p => p.Box));
            if (box.Width < 1 || box.Height < 1)
            {
                continue;
            }
            try
            {
                // Icons and rules drawn as tiny images are decoration, not figures.
                var figure = box.Width >= MinFigureSide && box.Height >= MinFigureSide;
                var exported = !figure ? null
                    : parts.Count == 1 ? Export(parts[0].Image, sourcePage, box, maxSamples, problems, ct)
                    : ExportTiles(parts, sourcePage, box, maxSamples, problems, ct);
                images.Add(new PageImage(box, exported));
            }
            catch (Exception ex) when (IsReadFailure(ex))
            {
                problems.Add(UnreadableImage);
            }
        }
        return images;
    }

    /// <summary>A picture stored as tiles, exported as one PNG: each tile is read as <see cref="Export"/> reads an image, then stitched.</summary>
    private static ExtractedImage? ExportTiles(List<(IPdfImage Image, BoundingBox Box)> parts, int sourcePage, BoundingBox box, long maxSamples, List<string> problems, CancellationToken ct)
    {
        var tiles = new List<(BoundingBox, byte[])>(parts.Count);
        foreach (var (image, tileBox) in parts)
        {
            ct.ThrowIfCancellationRequested();
            if (Export(image, sourcePage, tileBox, maxSamples, problems, ct) is not { } tile)
            {
                return null;
            }
            tiles.Add((tileBox, tile.Data.ToArray()));
        }
        if (ImageTiles.Stitch(tiles, box, maxSamples) is not { } png)
        {
            problems.Add(UnreadableImage);
            return null;
        }
        return ExtractedImage.Named(png, sourcePage, box, ".png");
    }

    /// <summary>
    /// JPEG and JPEG 2000 streams pass through untouched (nothing is decoded, so no size limit applies);
    /// anything else PdfPig can decode becomes PNG, if its decoded size fits the image budget.
    /// </summary>
    private static ExtractedImage? Export(IPdfImage image, int sourcePage, BoundingBox box, long maxSamples, List<string> problems, CancellationToken ct)
    {
        byte[]? data;
        var raw = image.RawMemory;
        var ext = PassThroughExtension(raw.Span);
        if (ext is not null)
        {
            data = raw.ToArray();
        }
        else if (ImageBudget.Refusal(image, maxSamples) is { } refusal)
        {
            problems.Add(refusal);
            return null;
        }
        else if (ImageBudget.Decode(ImageBudget.DecodedSamples(image), () => image.TryGetPng(out var png) ? png : null, ct) is { } png)
        {
            data = png;
            ext = ".png";
        }
        else
        {
            return null;
        }
        return ExtractedImage.Named(data, sourcePage, box, ext);
    }

    /// <summary>The file extension of a stream that is already a complete image file: JPEG (SOI), JP2 (signature box) or a raw J2K codestream (SOC + SIZ).</summary>
    private static string? PassThroughExtension(ReadOnlySpan<byte> raw) => raw switch
    {
        [0xFF, 0xD8, 0xFF, ..] => ".jpg",
        [0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A, ..] => ".jp2",
        [0xFF, 0x4F, 0xFF, 0x51, ..] => ".j2k",
        _ => null,
    };
}
