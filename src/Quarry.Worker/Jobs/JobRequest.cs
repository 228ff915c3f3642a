namespace Quarry.Worker.Jobs;

public enum InputKind
{
    Url,
    Base64,
    Volume,
}

public enum Transport
{
    Inline,
    TarballB64,
    S3,
    Auto,
}

/// <summary>A validated job input (DESIGN.md section 3).</summary>
public sealed record JobRequest
{
    public required InputKind Kind { get; init; }

    /// <summary>The URL, the base64 text, or the volume path, by <see cref="Kind"/>.</summary>
    public required string Source { get; init; }

    public string Basename { get; init; } = "doc";
    public string Backend { get; init; } = "pipeline";
    public string ParseMethod { get; init; } = "auto";
    public string? ServerUrl { get; init; }
    public string? Effort { get; init; }
    public string Lang { get; init; } = "en";

    /// <summary>The recognition model <see cref="Lang"/> selects, checked installed when the job was parsed.</summary>
    public Quarry.Parsing.Readers.Ocr.OcrLanguage OcrLanguage { get; init; } = Quarry.Parsing.Readers.Ocr.OcrLanguages.Default;
    public int StartPage { get; init; }
    public int EndPage { get; init; } = -1;
    public bool FormulaEnable { get; init; } = true;
    public bool TableEnable { get; init; } = true;
    public Transport Transport { get; init; } = Transport.TarballB64;
    public IReadOnlySet<string> Formats { get; init; } = JobRequestParser.AllFormats;
    public string ArchiveFormat { get; init; } = "tar.gz";

    /// <summary>
    /// What the result echoes as its source, in mineru-runpod's spelling: <c>url:</c> plus the URL without
    /// credentials or query, <c>b64</c>, or <c>volume:</c> plus the path.
    /// </summary>
    public string SourceLabel => Kind switch
    {
        InputKind.Url => "url:" + UrlRedactor.Redact(Source),
        InputKind.Volume => "volume:" + Source,
        _ => "b64",
    };
}
