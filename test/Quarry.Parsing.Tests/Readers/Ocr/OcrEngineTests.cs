using Quarry.Core.Model;
using Quarry.Core.Writers;
using Quarry.Parsing.Pipeline;
using Quarry.Parsing.Readers.Ocr;
using Quarry.Parsing.Readers;
using Quarry.Parsing.Readers.TextLayer;
using Quarry.Parsing.Routing;
using Quarry.Parsing.Rasterization;
using Quarry.Tests.Shared;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Quarry.Parsing.Tests.Readers.Ocr;

/// <summary>The OCR engine on real scans (the shared scanned corpus) with the real PP-OCRv4 models.</summary>
public class OcrEngineTests
{
    private static readonly string ScannedReport = Path.Combine(RepoPaths.Corpus("scanned"), "report-tables-7-002-scan", "doc.pdf");

    /// <summary>Share of <paramref name="truth"/>'s words (lowercased, punctuation stripped) that <paramref name="output"/> contains, counted with multiplicity.</summary>
    private static double WordRecall(string truth, string output)
    {
        static List<string> Words(string s) => s.Split((char[])[' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => new string(w.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant()).Where(w => w.Length > 0).ToList();
        var have = Words(output).GroupBy(w => w).ToDictionary(g => g.Key, g => g.Count());
        var want = Words(truth);
        var hit = 0;
        foreach (var w in want)
        {
            if (have.TryGetValue(w, out var n) && n > 0)
            {
                have[w] = n - 1;
                hit++;
            }
        }
        return (double)hit / want.Count;
    }

    /// <summary>The scan itself is not a figure: the page's only images are the crops of its tables and equations.</summary>
    private static void AssertNoFigureFromTheScan(PageResult page) =>
        Assert.All(page.Images, image => Assert.Contains(page.Blocks, b => b.Type is BlockType.Table or BlockType.Equation && b.ImageName == image.FileName));

    [Fact]
    public void Ocr_reads_a_scanned_page_with_its_title()
    {
        var doc = DocumentParser.Parse(File.ReadAllBytes(ScannedReport), "scan", "ocr", new ParseOptions { EndPage = 0 });
        var md = MarkdownWriter.Write(doc);
        var truth = File.ReadAllText(Path.Combine(Path.GetDirectoryName(ScannedReport)!, "truth.md"));
        // Most words read from page 1 are words of the document (precision of the OCR'd words; a word whose
        // space the recogniser dropped counts as a miss).
        var precision = WordRecall(md, truth);
        Assert.True(precision > 0.8, $"{precision:F3}\n{md}");
        Assert.Contains("This License refers to version 3 of the GNU General Public License.", md, StringComparison.Ordinal);
        var title = doc.BodyBlocks.First(b => b.Type == BlockType.Title);
        Assert.Equal("Recall Revenue Model Report", title.Text);
        Assert.Contains(doc.BodyBlocks, b => b.Type == BlockType.Title && b.Text == "1.1 Pages analysis");
        AssertNoFigureFromTheScan(doc.Pages[0]);
    }

    [Fact]
    public void A_page_scanned_upside_down_is_turned_before_it_is_read()
    {
        using var scan = PdfDocument.Open(ScannedReport);
        var page = Quarry.Parsing.Imaging.GrayImage.Decode(scan.GetPage(1).GetImages().Single().RawMemory.Span);
        var reader = new OcrPageReader(OcrModels.Shared);
        var upright = reader.Read(page, 0, 612, 792);
        var flipped = reader.Read(page.Rotate180(), 0, 612, 792);
        static string Text(PageContent c) => string.Join(' ', c.Words.Select(w => w.Text));
        Assert.Contains("Recall Revenue Model Report", Text(flipped), StringComparison.Ordinal);
        Assert.Equal(Text(upright).Length, Text(flipped).Length, 20.0);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void A_page_scanned_on_its_side_is_turned_upright_before_it_is_read(int quarters)
    {
        using var scan = PdfDocument.Open(ScannedReport);
        var page = Quarry.Parsing.Imaging.GrayImage.Decode(scan.GetPage(1).GetImages().Single().RawMemory.Span);
        var reader = new OcrPageReader(OcrModels.Shared);
        var upright = reader.Read(page, 0, 612, 792);
        var sideways = page;
        for (var i = 0; i < quarters; i++)
        {
            sideways = sideways.RotateClockwise();
        }
        var read = reader.Read(sideways, 0, 792, 612);
        static string Text(PageContent c) => string.Join(' ', c.Words.Select(w => w.Text));
        Assert.Contains("Recall Revenue Model Report", Text(read), StringComparison.Ordinal);
        Assert.Equal(Text(upright).Length, Text(read).Length, 30.0);
        // Read in the upright frame: the page's own size again, and the turn that got there recorded.
        Assert.Equal((612.0, 792.0), (read.Width, read.Height));
        Assert.Equal(4 - quarters, read.QuarterTurns);
        Assert.Equal(0, upright.QuarterTurns);
    }

    [Fact]
    public void A_sideways_scan_under_ocr_gives_upright_text_and_table_crops_cut_from_the_turned_render()
    {
        byte[] turnedJpeg;
        using (var scan = PdfDocument.Open(ScannedReport))
        using (var bitmap = SkiaSharp.SKBitmap.Decode(scan.GetPage(1).GetImages().Single().RawMemory.ToArray()))
        using (var turned = new SkiaSharp.SKBitmap(bitmap.Height, bitmap.Width))
        {
            using (var canvas = new SkiaSharp.SKCanvas(turned))
            {
                // The scan lies on its right side: its top is at the page's right edge.
                canvas.Translate(turned.Width, 0);
                canvas.RotateDegrees(90);
                using var source = SkiaSharp.SKImage.FromBitmap(bitmap);
                canvas.DrawImage(source, 0, 0, new SkiaSharp.SKSamplingOptions(SkiaSharp.SKFilterMode.Nearest));
            }
            using var image = SkiaSharp.SKImage.FromBitmap(turned);
            turnedJpeg = image.Encode(SkiaSharp.SKEncodedImageFormat.Jpeg, 90).ToArray();
        }
        var b = new PdfDocumentBuilder();
        var p = b.AddPage(792, 612);
        p.AddJpeg(turnedJpeg, new PdfRectangle(0, 0, 792, 612));
        var doc = DocumentParser.Parse(b.Build(), "sideways", "ocr", new ParseOptions());
        var upright = DocumentParser.Parse(File.ReadAllBytes(ScannedReport), "scan", "ocr", new ParseOptions { EndPage = 0 });
        Assert.Contains(doc.BodyBlocks, x => x.Type == BlockType.Title && x.Text == "Recall Revenue Model Report");
        Assert.Equal((612.0, 792.0, 3), (doc.Pages[0].Width, doc.Pages[0].Height, doc.Pages[0].QuarterTurns));
        // The table's crop comes from the render turned the same way: it has the table's shape (wider than
        // tall, as upright), which a crop of the sideways render at the same box would not.
        var table = Assert.Single(doc.Pages[0].Blocks, x => x.Type == BlockType.Table);
        var uprightTable = Assert.Single(upright.Pages[0].Blocks, x => x.Type == BlockType.Table);
        var crop = doc.Pages[0].Images.Single(i => i.FileName == table.ImageName);
        var uprightCrop = upright.Pages[0].Images.Single(i => i.FileName == uprightTable.ImageName);
        using var cropped = SkiaSharp.SKBitmap.Decode(crop.Data.ToArray());
        using var uprightCropped = SkiaSharp.SKBitmap.Decode(uprightCrop.Data.ToArray());
        Assert.Equal((double)uprightCropped.Width / uprightCropped.Height, (double)cropped.Width / cropped.Height, 0.15);
        Assert.Equal(Luma(uprightCropped), Luma(cropped), 12.0);
    }

    /// <summary>Mean brightness: the same table cut from the same scan looks the same; a cut of the wrong region does not.</summary>
    private static double Luma(SkiaSharp.SKBitmap bitmap)
    {
        double sum = 0;
        foreach (var px in bitmap.Pixels)
        {
            sum += (px.Red + px.Green + px.Blue) / 3.0;
        }
        return sum / bitmap.Pixels.Length;
    }

    [Fact]
    public void Router_sends_scans_to_ocr_and_keeps_born_digital_pages()
    {
        using var scan = PdfDocument.Open(ScannedReport);
        Assert.False(TextLayerTrust.Trusted(PageContentReader.Read(scan.GetPage(1), 0)));
        using var digital = PdfDocument.Open(RepoPaths.Sample("report.pdf"));
        Assert.True(TextLayerTrust.Trusted(PageContentReader.Read(digital.GetPage(1), 0)));
    }

    [Fact]
    public void Auto_reads_a_mixed_document_page_by_page()
    {
        // Page 1 born digital, page 2 the first page of a scan (its JPEG drawn over the whole page).
        byte[] jpeg;
        using (var scan = PdfDocument.Open(ScannedReport))
        {
            jpeg = scan.GetPage(1).GetImages().Single().RawMemory.ToArray();
        }
        var b = new PdfDocumentBuilder();
        var font = b.AddStandard14Font(Standard14Font.Helvetica);
        var p1 = b.AddPage(PageSize.Letter);
        p1.AddText("A born digital page about quarterly revenue.", 12, new PdfPoint(72, 700), font);
        var p2 = b.AddPage(PageSize.Letter);
        p2.AddJpeg(jpeg, new PdfRectangle(0, 0, 612, 792));
        var pdf = b.Build();
        var doc = DocumentParser.Parse(pdf, "mixed", "auto", new ParseOptions());
        Assert.Equal(2, doc.Pages.Count);
        Assert.Contains(doc.Pages[0].Blocks, x => x.Text.Contains("quarterly revenue", StringComparison.Ordinal));
        Assert.Contains(doc.Pages[1].Blocks, x => x.Type == BlockType.Title && x.Text == "Recall Revenue Model Report");
        AssertNoFigureFromTheScan(doc.Pages[1]);
        // txt leaves the scanned page without text (its picture becomes a figure).
        var txt = DocumentParser.Parse(pdf, "mixed", "txt", new ParseOptions());
        Assert.DoesNotContain(txt.Pages[1].Blocks, x => x.Type is BlockType.Text or BlockType.Title);
    }

    [Fact]
    public void Image_inputs_are_one_page_documents()
    {
        byte[] jpeg;
        using (var scan = PdfDocument.Open(ScannedReport))
        {
            jpeg = scan.GetPage(1).GetImages().Single().RawMemory.ToArray();
        }
        var doc = DocumentParser.Parse(jpeg, "photo", "auto", new ParseOptions());
        Assert.Single(doc.Pages);
        Assert.Contains("Recall Revenue Model Report", MarkdownWriter.Write(doc), StringComparison.Ordinal);
        var ex = Assert.Throws<Errors.ParseException>(() => DocumentParser.Parse(jpeg, "photo", "txt", new ParseOptions()));
        Assert.Equal(Errors.ErrorCode.UnsupportedFormat, ex.Code);
    }

    [Fact]
    public void A_multi_page_tiff_is_a_document_with_a_page_per_directory()
    {
        // Two bilevel CCITT G4 pages at 150 dpi, as a scanner or fax writes them.
        var tiff = File.ReadAllBytes(RepoPaths.Sample("scan-2p.tif"));
        var doc = DocumentParser.Parse(tiff, "fax", "ocr", new ParseOptions());
        Assert.Equal(2, doc.Pages.Count);
        Assert.Equal([0, 1], doc.Pages.Select(p => p.PageIndex));
        Assert.Equal(612, doc.Pages[0].Width, 1); // 1275 px at the file's 150 dpi
        Assert.Equal(792, doc.Pages[0].Height, 1);
        Assert.Equal("Recall Revenue Model Report", doc.BodyBlocks.First(b => b.Type == BlockType.Title).Text);
        Assert.Contains(doc.Pages[1].Blocks, b => b.Type is BlockType.Text or BlockType.Title);

        var second = DocumentParser.Parse(tiff, "fax", "auto", new ParseOptions { StartPage = 1 });
        Assert.Single(second.Pages);
        Assert.Equal(1, second.StartPage);
        // Same blocks as page 1 of the whole file (heading levels aside: those are decided per document).
        Assert.Equal(doc.Pages[1].Blocks.Select(b => b.Text), second.Pages[0].Blocks.Select(b => b.Text));
        var outside = Assert.Throws<Errors.ParseException>(() => DocumentParser.Parse(tiff, "fax", "auto", new ParseOptions { StartPage = 2 }));
        Assert.Equal(Errors.ErrorCode.InvalidInput, outside.Code);
    }

    [Fact]
    public void A_damaged_tiff_gets_a_structured_error()
    {
        var tiff = File.ReadAllBytes(RepoPaths.Sample("scan-2p.tif"));
        var ex = Assert.Throws<Errors.ParseException>(() => DocumentParser.Parse(tiff[..600], "cut", "ocr", new ParseOptions()));
        Assert.Equal(Errors.ErrorCode.UnsupportedFormat, ex.Code);
    }

    [Fact]
    public void Ocr_pages_are_rendered_in_small_batches_of_consecutive_pages()
    {
        var batches = PageOcr.Batches([0, 1, 2, 3, 4, 5, 8, 9, 11]).ToList();
        Assert.Equal([[0, 1, 2, 3], [4, 5], [8, 9], [11]], batches);
        Assert.All(batches, b => Assert.True(b.Count <= PageOcr.RenderBatch));
    }

    [Fact]
    public void Rasterizer_renders_a_range_and_leaves_no_temp_files()
    {
        // Its own folder, not a count of the machine's: other tests render in parallel.
        string folder;
        using (var pdf = new PdftoppmRasterizer().Open(File.ReadAllBytes(RepoPaths.Sample("report.pdf"))))
        {
            folder = (string)pdf.GetType().GetProperty("Folder", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!.GetValue(pdf)!;
            Assert.True(Directory.Exists(folder));
            var images = pdf.Render(0, 1, 72, TimeSpan.FromSeconds(30), CancellationToken.None);
            Assert.Equal(2, images.Count);
            Assert.Equal(612, images[0].Width);
            Assert.Equal(792, images[0].Height);
            // The same opened document renders again (the engine renders a scan a few pages at a time).
            var again = pdf.Render(1, 1, 36, TimeSpan.FromSeconds(30), CancellationToken.None);
            Assert.Equal(306, Assert.Single(again).Width);
        }
        Assert.False(Directory.Exists(folder));
    }
}
