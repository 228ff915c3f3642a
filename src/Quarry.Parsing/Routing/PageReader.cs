namespace Quarry.Parsing.Routing;

/// <summary>The reader a page is routed to.</summary>
public enum PageReader
{
    TextLayer,
    Ocr,
}
