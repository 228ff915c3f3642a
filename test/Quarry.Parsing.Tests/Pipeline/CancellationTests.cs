using Quarry.Parsing.Pipeline;
using Quarry.Parsing.Imaging;
using Quarry.Parsing.Readers;
using Quarry.Parsing.Layout;
using Quarry.Parsing.Readers.Ocr;
using Quarry.Parsing.Rasterization;
using Quarry.Tests.Shared;

namespace Quarry.Parsing.Tests.Pipeline;

/// <summary>Cancellation is cooperative: the page loop, layout, OCR and rendering all observe the token.</summary>
public class CancellationTests
{
    private static byte[] TextPages(int pages)
    {
        var pdf = new TestPdf();
        for (var p = 1; p <= pages; p++)
        {
            pdf.AddPage(string.Concat(Enumerable.Range(0, 40).Select(l => TestPdf.Text($"Page {p} line {l} of running text for the layout.", 750 - (l * 16)))));
        }
        return pdf.ToBytes();
    }

    [Fact]
    public void Parse_stops_soon_after_cancel_and_throws()
    {
        using var cts = new CancellationTokenSource();
        var reported = 0;
        var progress = new Progress(p =>
        {
            reported = p.Done;
            cts.Cancel();
        });
        Assert.ThrowsAny<OperationCanceledException>(() =>
            DocumentParser.Parse(TextPages(300), "c", "txt", new ParseOptions { MaxDegreeOfParallelism = 1 }, progress, cts.Token));
        Assert.InRange(reported, 1, 2);
    }

    [Fact]
    public void Layout_observes_the_token_instead_of_finishing_the_page()
    {
        var content = new PageContent { PageIndex = 0, Width = 612, Height = 792, Words = [] };
        var style = DocumentStyle.From([content]);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => PageLayout.Build(content, style, new PageBudget(TimeSpan.FromSeconds(1), cts.Token)));
    }

    [Fact]
    public void Ocr_observes_the_token_between_model_runs()
    {
        var page = new GrayImage(850, 1100, Enumerable.Repeat((byte)255, 850 * 1100).ToArray());
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => new OcrPageReader(OcrModels.Shared).Read(page, 0, 612, 792, cts.Token));
    }

    [Fact]
    public void Rendering_kills_pdftoppm_on_cancel_instead_of_waiting_for_its_budget()
    {
        // 300 pages at 600 dpi keep pdftoppm busy far longer than the wait below.
        using var raster = new PdftoppmRasterizer().Open(TextPages(300));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.ThrowsAny<OperationCanceledException>(() => raster.Render(0, 299, 600, TimeSpan.FromMinutes(5), cts.Token));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}"); // before: the 5-minute budget
    }

    private sealed class Progress(Action<ParseProgress> report) : IProgress<ParseProgress>
    {
        public void Report(ParseProgress value) => report(value);
    }
}
