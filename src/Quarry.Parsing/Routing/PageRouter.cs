using Quarry.Parsing.Readers;

namespace Quarry.Parsing.Routing;

/// <summary>Decides per page which reader reads it, from the mode and what the page's own content says.</summary>
public static class PageRouter
{
    public static PageReader Route(RoutingMode mode, HybridEffort effort, PageContent page) => mode switch
    {
        RoutingMode.TextOnly => PageReader.TextLayer,
        RoutingMode.OcrAll => PageReader.Ocr,
        RoutingMode.Model => PageReader.Model,
        RoutingMode.Hybrid when effort == HybridEffort.High => PageReader.Model,
        RoutingMode.Hybrid => TextLayerTrust.Trusted(page) ? PageReader.TextLayerWithModelRegions : PageReader.Model,
        _ => TextLayerTrust.Trusted(page) ? PageReader.TextLayer : PageReader.Ocr,
    };
}
