namespace Quarry.Parsing.Routing;

/// <summary>How the router picks each page's reader: one engine name each.</summary>
public enum RoutingMode
{
    /// <summary><c>txt</c>: the text layer only.</summary>
    TextOnly,

    /// <summary><c>auto</c>: pages whose text layer cannot be trusted go to OCR.</summary>
    Auto,

    /// <summary><c>ocr</c>: every page is rendered and read by OCR.</summary>
    OcrAll,
}
