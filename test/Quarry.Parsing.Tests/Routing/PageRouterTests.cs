using Quarry.Parsing.Readers;
using Quarry.Parsing.Readers.TextLayer;
using Quarry.Parsing.Routing;
using Quarry.Tests.Shared;
using UglyToad.PdfPig;

namespace Quarry.Parsing.Tests.Routing;

/// <summary>Which reader each mode picks for a born-digital page, a scanned page and a page with no text layer.</summary>
public class PageRouterTests
{
    private static PageContent FirstPage(string set, string id)
    {
        using var doc = PdfDocument.Open(Path.Combine(RepoPaths.Corpus(set), id, "doc.pdf"));
        return PageContentReader.Read(doc.GetPage(1), 0);
    }

    private static readonly PageContent Digital = FirstPage("synthetic", "article-1col-7-000");
    private static readonly PageContent Scan = FirstPage("scanned", "article-1col-7-000-scan");
    private static readonly PageContent Image = new() { PageIndex = 0, Width = 612, Height = 792, Words = [], HasTextLayer = false };

    [Theory]
    [InlineData(RoutingMode.TextOnly, HybridEffort.Medium, PageReader.TextLayer, PageReader.TextLayer)]
    [InlineData(RoutingMode.OcrAll, HybridEffort.Medium, PageReader.Ocr, PageReader.Ocr)]
    [InlineData(RoutingMode.Auto, HybridEffort.Medium, PageReader.TextLayer, PageReader.Ocr)]
    [InlineData(RoutingMode.Model, HybridEffort.Medium, PageReader.Model, PageReader.Model)]
    [InlineData(RoutingMode.Hybrid, HybridEffort.Medium, PageReader.TextLayerWithModelRegions, PageReader.Model)]
    [InlineData(RoutingMode.Hybrid, HybridEffort.High, PageReader.Model, PageReader.Model)]
    public void Each_mode_routes_digital_and_scanned_pages(RoutingMode mode, HybridEffort effort, PageReader digital, PageReader scan)
    {
        Assert.Equal(digital, PageRouter.Route(mode, effort, Digital));
        Assert.Equal(scan, PageRouter.Route(mode, effort, Scan));
    }

    [Theory]
    [InlineData(RoutingMode.Auto, PageReader.Ocr)]
    [InlineData(RoutingMode.Hybrid, PageReader.Model)]
    [InlineData(RoutingMode.Model, PageReader.Model)]
    public void A_page_without_a_text_layer_is_read_from_pixels(RoutingMode mode, PageReader expected) =>
        Assert.Equal(expected, PageRouter.Route(mode, HybridEffort.Medium, Image));
}
