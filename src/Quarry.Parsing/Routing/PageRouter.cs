using Quarry.Parsing.Readers;

namespace Quarry.Parsing.Routing;

/// <summary>Decides per page which reader reads it, from the mode and what the page's own content says.</summary>
public static class PageRouter
{
    public static PageReader Route(RoutingMode mode, PageContent page) => mode switch
    {
        RoutingMode.TextOnly => PageReader.TextLayer,
        RoutingMode.OcrAll => PageReader.Ocr,
        _ => TextLayerTrust.Trusted(page) ? PageReader.TextLayer : PageReader.Ocr,
    };
}
