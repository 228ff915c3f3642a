namespace Quarry.Parsing.Errors;

/// <summary>The stable error codes of DESIGN.md section 3.</summary>
public enum ErrorCode
{
    InvalidInput,
    FetchFailed,
    InputTooLarge,
    UnsupportedFormat,
    PdfEncrypted,
    PdfCorrupt,
    ResultTooLarge,
    UpstreamUnavailable,
    Timeout,
    Internal,

    /// <summary>A non-PDF container that is damaged (an Office file whose ZIP or required XML cannot be read).</summary>
    InputCorrupt,

    /// <summary>OCR was required (<c>--engine ocr</c>, an image input) but its models are not installed.</summary>
    OcrUnavailable,
}

public static class ErrorCodeNames
{
    /// <summary>The wire name: <c>PDF_ENCRYPTED</c>, <c>INVALID_INPUT</c>, …</summary>
    public static string ToWire(this ErrorCode code) => code switch
    {
        ErrorCode.InvalidInput => "INVALID_INPUT",
        ErrorCode.FetchFailed => "FETCH_FAILED",
        ErrorCode.InputTooLarge => "INPUT_TOO_LARGE",
        ErrorCode.UnsupportedFormat => "UNSUPPORTED_FORMAT",
        ErrorCode.PdfEncrypted => "PDF_ENCRYPTED",
        ErrorCode.PdfCorrupt => "PDF_CORRUPT",
        ErrorCode.ResultTooLarge => "RESULT_TOO_LARGE",
        ErrorCode.UpstreamUnavailable => "UPSTREAM_UNAVAILABLE",
        ErrorCode.Timeout => "TIMEOUT",
        ErrorCode.OcrUnavailable => "OCR_UNAVAILABLE",
        ErrorCode.InputCorrupt => "INPUT_CORRUPT",
        _ => "INTERNAL",
    };
}
