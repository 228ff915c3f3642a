namespace Quarry.Parsing.Engines;

/// <summary>Which pages of a PDF the OCR engine reads instead of the text layer.</summary>
public enum PageRouting
{
    /// <summary><c>txt</c>: the text layer only.</summary>
    TextOnly,

    /// <summary><c>auto</c>: pages whose text layer cannot be trusted go to OCR.</summary>
    Auto,

    /// <summary><c>ocr</c>: every page is rendered and read by OCR.</summary>
    OcrAll,
}
