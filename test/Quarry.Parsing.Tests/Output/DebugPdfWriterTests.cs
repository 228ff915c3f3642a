using Quarry.Core.Model;
using Quarry.Parsing.Pipeline;
using Quarry.Parsing.Output;
using Quarry.Tests.Shared;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Graphics;
using UglyToad.PdfPig.Graphics.Operations.PathConstruction;

namespace Quarry.Parsing.Tests.Output;

/// <summary>MinerU's <c>_layout.pdf</c> / <c>_span.pdf</c>: the source pages with the parse's boxes drawn where middle.json puts them.</summary>
public sealed class DebugPdfWriterTests : IDisposable
{
    private static readonly byte[] Report = File.ReadAllBytes(RepoPaths.Sample("report.pdf"));
    private readonly string _dir = Directory.CreateTempSubdirectory("quarry-debugpdf-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Layout_pdf_has_the_source_pages_and_the_title_box_filled_in_minerU_title_colour_and_numbered()
    {
        var doc = DocumentParser.Parse(Report, "report", "txt", new ParseOptions());
        Assert.Null(DebugPdfWriter.TryWrite(Report, doc, _dir));

        using var source = PdfDocument.Open(Report);
        using var layout = PdfDocument.Open(Path.Combine(_dir, "report_layout.pdf"));
        Assert.Equal(source.NumberOfPages, layout.NumberOfPages);
        var title = doc.Pages[0].Blocks.First(b => b.Type == BlockType.Title);
        var page = layout.GetPage(1);
        var expected = ToUserSpace(title.BoundingBox, page);
        // MinerU's title colour (102, 102, 255) at 30 % over white, filled under the text, outlined on top.
        var fill = Assert.Single(page.Paths, p => p.IsFilled && Near(p, expected));
        Assert.Equal((0.82, 0.82, 1.0), Rounded(fill.FillColor!.ToRGBValues()));
        var outline = Assert.Single(page.Paths, p => p.IsStroked && !p.IsFilled && Near(p, expected));
        Assert.Equal((0.4, 0.4, 1.0), Rounded(outline.StrokeColor!.ToRGBValues()));
        // The title is the first block read: "1" in red right of its top-right corner.
        var label = Assert.Single(page.Letters, l => l.Value == "1" && Math.Abs(l.StartBaseLine.X - (expected.Right + 2)) < 0.5);
        Assert.Equal(expected.Top - 10, label.StartBaseLine.Y, 1);
        // The source's text is still there.
        Assert.StartsWith(source.GetPage(1).Text, page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Span_pdf_outlines_each_text_span_in_red()
    {
        var doc = DocumentParser.Parse(Report, "report", "txt", new ParseOptions());
        using var spans = PdfDocument.Open(DebugPdfWriter.Spans(Report, doc));
        Assert.Equal(2, spans.NumberOfPages);
        var page = spans.GetPage(1);
        var textSpans = doc.Pages[0].Blocks.Where(b => b.Type is BlockType.Text or BlockType.Title)
            .SelectMany(b => b.Lines).SelectMany(l => l.Spans).ToList();
        Assert.NotEmpty(textSpans);
        foreach (var span in textSpans)
        {
            var box = ToUserSpace(span.BoundingBox, page);
            Assert.Contains(page.Paths, p => p.IsStroked && !p.IsFilled && Near(p, box)
                && Rounded(p.StrokeColor!.ToRGBValues()) == (1.0, 0.0, 0.0));
        }
        Assert.DoesNotContain(page.Paths, p => p.IsFilled); // spans are outlines only
    }

    [Theory]
    // An unrotated page whose box starts at (100, 50): page space (72, 63)–(272, 83) is user space x 172–372, y 759–779.
    [InlineData("100 50 712 842", 0, 172, 759, 372, 779)]
    // Turned 90° clockwise for display (612 wide, 792 tall unrotated; 792 × 612 as shown): the shown top-left
    // corner is the unrotated bottom-left, x runs up the page and y runs right.
    [InlineData("0 0 612 792", 90, 63, 72, 83, 272)]
    [InlineData("0 0 612 792", 180, 340, 63, 540, 83)]
    [InlineData("0 0 612 792", 270, 529, 520, 549, 720)]
    public void A_box_is_drawn_where_page_space_puts_it_on_offset_and_rotated_pages(string mediaBox, int rotate, double left, double bottom, double right, double top)
    {
        // /Rotate rides in on the page dictionary after the media box.
        var input = new TestPdf().AddPage(TestPdf.Text("x"), mediaBox: rotate == 0 ? mediaBox : $"{mediaBox}] /Rotate {rotate} /Dummy [0").ToBytes();
        var block = new Block { Type = BlockType.Text, BoundingBox = new BoundingBox(72, 63, 272, 83) };
        var doc = new ParsedDocument { Basename = "p", Pages = [new PageResult { PageIndex = 0, Width = 612, Height = 792, Blocks = [block] }] };
        using var layout = PdfDocument.Open(DebugPdfWriter.Layout(input, doc), new ParsingOptions { UseLenientParsing = true });
        // The rectangles as written (re operands are user space), not as PdfPig turns them for display.
        var fill = layout.GetPage(1).Operations.OfType<AppendRectangle>().First();
        Assert.Equal((left, bottom, right, top),
            (Math.Round(fill.LowerLeftX, 2), Math.Round(fill.LowerLeftY, 2), Math.Round(fill.LowerLeftX + fill.Width, 2), Math.Round(fill.LowerLeftY + fill.Height, 2)));
    }

    [Fact]
    public void A_page_range_gets_only_its_pages()
    {
        var doc = DocumentParser.Parse(Report, "report", "txt", new ParseOptions { StartPage = 1, EndPage = 1 });
        using var layout = PdfDocument.Open(DebugPdfWriter.Layout(Report, doc));
        using var source = PdfDocument.Open(Report);
        Assert.Equal(1, layout.NumberOfPages);
        // The copied content comes first; the drawn labels follow it.
        Assert.StartsWith(source.GetPage(2).Text, layout.GetPage(1).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_image_input_writes_nothing_and_no_warning()
    {
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==");
        var doc = new ParsedDocument { Basename = "img", Pages = [new PageResult { PageIndex = 0, Width = 1, Height = 1 }] };
        Assert.Null(DebugPdfWriter.TryWrite(png, doc, _dir));
        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Fact]
    public void A_failure_is_a_warning_not_an_exception()
    {
        // A model that names a page the source does not have.
        var doc = new ParsedDocument { Basename = "bad", StartPage = 5, Pages = [new PageResult { PageIndex = 0, Width = 1, Height = 1 }] };
        var warning = DebugPdfWriter.TryWrite(Report, doc, _dir);
        Assert.NotNull(warning);
        Assert.StartsWith("debug PDFs not written", warning, StringComparison.Ordinal);
    }

    /// <summary>A page-space box (top-left origin, relative to the crop box) in the page's user space.</summary>
    private static PdfRectangle ToUserSpace(BoundingBox box, UglyToad.PdfPig.Content.Page page)
    {
        var crop = page.CropBox.Bounds;
        return new PdfRectangle(crop.Left + box.X0, crop.Top - box.Y1, crop.Left + box.X1, crop.Top - box.Y0);
    }

    private static bool Near(PdfPath path, PdfRectangle expected) =>
        path.GetBoundingRectangle() is { } r && Math.Abs(r.Left - expected.Left) < 0.01 && Math.Abs(r.Right - expected.Right) < 0.01
            && Math.Abs(r.Bottom - expected.Bottom) < 0.01 && Math.Abs(r.Top - expected.Top) < 0.01;

    private static (double, double, double) Rounded((double R, double G, double B) c) =>
        (Math.Round(c.R, 2), Math.Round(c.G, 2), Math.Round(c.B, 2));
}
