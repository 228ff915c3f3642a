using Quarry.Core.Model;
using Quarry.Parsing.Sources;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Graphics.Operations.SpecialGraphicsState;
using UglyToad.PdfPig.Writer;

namespace Quarry.Parsing.Output;

/// <summary>
/// MinerU's debugging PDFs: <c>B_layout.pdf</c> (block boxes, filled by type, numbered in reading order) and
/// <c>B_span.pdf</c> (span boxes, outlined by type), drawn over copies of the parsed source pages. They live
/// here rather than with the other writers because they need the source PDF, which Quarry.Core never sees.
/// </summary>
public static class DebugPdfWriter
{
    public static string LayoutFileName(string basename) => $"{basename}_layout.pdf";
    public static string SpanFileName(string basename) => $"{basename}_span.pdf";

    /// <summary>
    /// Writes both files into <paramref name="directory"/> when the source is a PDF (an image input has no pages
    /// to draw on: nothing is written). Returns a warning instead of throwing: these files never fail a parse.
    /// </summary>
    public static string? TryWrite(byte[] source, ParsedDocument document, string directory)
    {
        if (InputSniffer.Sniff(source.AsSpan(0, Math.Min(source.Length, 1024))) != InputFormat.Pdf)
        {
            return null;
        }
        try
        {
            File.WriteAllBytes(Path.Combine(directory, LayoutFileName(document.Basename)), Layout(source, document));
            File.WriteAllBytes(Path.Combine(directory, SpanFileName(document.Basename)), Spans(source, document));
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return $"debug PDFs not written ({ex.GetType().Name}: {ex.Message})";
        }
    }

    // MinerU's colours (draw_bbox.py); the numbers are red.
    private static readonly Dictionary<LayoutKind, Rgb> LayoutColors = new()
    {
        [LayoutKind.CodeBody] = new(102, 0, 204), [LayoutKind.CodeCaption] = new(204, 153, 255), [LayoutKind.CodeFootnote] = new(229, 204, 255),
        [LayoutKind.Discarded] = new(158, 158, 158),
        [LayoutKind.TableBody] = new(204, 204, 0), [LayoutKind.TableCaption] = new(255, 255, 102), [LayoutKind.TableFootnote] = new(229, 255, 204),
        [LayoutKind.ImageBody] = new(153, 255, 51), [LayoutKind.ImageCaption] = new(102, 178, 255), [LayoutKind.ImageFootnote] = new(255, 178, 102),
        [LayoutKind.Title] = new(102, 102, 255), [LayoutKind.Text] = new(153, 0, 76), [LayoutKind.Equation] = new(0, 255, 0),
        [LayoutKind.List] = new(40, 169, 92), [LayoutKind.ListItem] = new(40, 169, 92),
    };

    private static readonly Dictionary<SpanKind, Rgb> SpanColors = new()
    {
        [SpanKind.Text] = new(255, 0, 0), [SpanKind.InlineEquation] = new(0, 255, 0), [SpanKind.InterlineEquation] = new(0, 0, 255),
        [SpanKind.Image] = new(255, 204, 0), [SpanKind.Table] = new(204, 0, 255), [SpanKind.Discarded] = new(158, 158, 158),
    };

    private static readonly Rgb NumberColor = new(255, 0, 0);
    private const double NumberSize = 10;

    public static byte[] Layout(byte[] source, ParsedDocument document) => Overlay(source, document, (canvas, page) =>
    {
        var boxes = DebugBoxes.Layout(page);
        foreach (var b in boxes.OrderBy(b => b.Kind)) // stable: MinerU paints kind by kind
        {
            var color = LayoutColors[b.Kind];
            if (b.Kind == LayoutKind.ListItem)
            {
                canvas.Outline(b.Box, color);
            }
            else
            {
                canvas.Fill(b.Box, color);
            }
        }
        foreach (var b in boxes.Where(b => b.Number > 0))
        {
            canvas.Number(b.Box, b.Number, NumberColor, NumberSize);
        }
    });

    public static byte[] Spans(byte[] source, ParsedDocument document) => Overlay(source, document, (canvas, page) =>
    {
        foreach (var b in DebugBoxes.Spans(page).OrderBy(b => b.Kind))
        {
            canvas.Outline(b.Box, SpanColors[b.Kind]);
        }
    });

    /// <summary>Copies each parsed page of the source (as MinerU, only the parsed range) and draws on it.</summary>
    private static byte[] Overlay(byte[] source, ParsedDocument document, Action<Canvas, PageResult> draw)
    {
        using var pdf = PdfOpener.Reopen(source);
        using var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (var page in document.Pages)
        {
            var number = document.StartPage + page.PageIndex + 1;
            var shown = pdf.GetPage(number);
            var canvas = new Canvas(builder.AddPage(pdf, number), shown.CropBox.Bounds, shown.Rotation.Value, font);
            draw(canvas, page);
            canvas.Close();
        }
        return builder.Build();
    }

    private readonly record struct Rgb(byte R, byte G, byte B)
    {
        /// <summary>
        /// The colour at MinerU's 30 % opacity over white. PdfPig's builder cannot set transparency, so fills are
        /// painted under the page's content in this tint instead, which looks the same on a white page.
        /// </summary>
        public Rgb Tint => new(Mix(R), Mix(G), Mix(B));

        private static byte Mix(byte c) => (byte)Math.Round(0.3 * c + 0.7 * 255);
    }

    /// <summary>
    /// One copied page to draw on. Quarry's boxes are in page space: the page as displayed (after /Rotate),
    /// origin at the crop box's top-left corner, as MinerU's are. PDF user space is unrotated, bottom-left,
    /// with the crop box anywhere, so each box is mapped back (the inverse of the display transform).
    /// </summary>
    private sealed class Canvas
    {
        private readonly PdfPageBuilder _page;
        private readonly PdfRectangle _crop;
        private readonly int _rotation;
        private readonly PdfDocumentBuilder.AddedFont _font;
        private readonly int _above;
        private const int Below = 0;

        public Canvas(PdfPageBuilder page, PdfRectangle crop, int rotation, PdfDocumentBuilder.AddedFont font)
        {
            (_page, _crop, _rotation, _font) = (page, crop, ((rotation % 360) + 360) % 360, font);
            _above = page.ContentStreams.Count - 1; // the builder's own stream, after the copied content
            // Fills go in a stream before the page's content, in their own graphics state so the page starts as it would.
            page.SelectContentStream(Below);
            page.NewContentStreamBefore();
            page.CurrentStream.Operations.Add(Push.Value);
            _above++;
        }

        public void Fill(BoundingBox box, Rgb color)
        {
            var tint = color.Tint;
            _page.SelectContentStream(Below);
            _page.SetTextAndFillColor(tint.R, tint.G, tint.B);
            _page.SetStrokeColor(tint.R, tint.G, tint.B);
            var (origin, w, h) = Map(box);
            _page.DrawRectangle(origin, w, h, lineWidth: 0, fill: true);
            // The same colour's outline on top, so the box still shows where the page paints an opaque image (scans).
            Outline(box, color);
        }

        public void Outline(BoundingBox box, Rgb color)
        {
            _page.SelectContentStream(_above);
            _page.SetStrokeColor(color.R, color.G, color.B);
            var (origin, w, h) = Map(box);
            _page.DrawRectangle(origin, w, h);
        }

        /// <summary>MinerU's label: right of the box, its baseline 10 pt below the box's top (the text itself is not turned with the page).</summary>
        public void Number(BoundingBox box, int number, Rgb color, double size)
        {
            _page.SelectContentStream(_above);
            _page.SetTextAndFillColor(color.R, color.G, color.B);
            _page.AddText(number.ToString(System.Globalization.CultureInfo.InvariantCulture), size, ToUser(box.X1 + 2, box.Y0 + 10), _font);
        }

        /// <summary>Ends the fill stream's graphics state.</summary>
        public void Close()
        {
            _page.SelectContentStream(Below);
            _page.CurrentStream.Operations.Add(Pop.Value);
        }

        private (PdfPoint Origin, double Width, double Height) Map(BoundingBox box)
        {
            var a = ToUser(box.X0, box.Y0);
            var b = ToUser(box.X1, box.Y1);
            return (new PdfPoint(Math.Min(a.X, b.X), Math.Min(a.Y, b.Y)), Math.Abs(a.X - b.X), Math.Abs(a.Y - b.Y));
        }

        /// <summary>A page-space point in user space: undo the top-left flip, then the clockwise display turn.</summary>
        private PdfPoint ToUser(double x, double y)
        {
            var (w, h) = (_crop.Width, _crop.Height);
            var up = (_rotation is 90 or 270 ? w : h) - y; // from the displayed bottom edge
            var (u, v) = _rotation switch
            {
                90 => (w - up, x),
                180 => (w - x, h - up),
                270 => (up, h - x),
                _ => (x, up),
            };
            return new PdfPoint(_crop.Left + u, _crop.Bottom + v);
        }
    }
}
