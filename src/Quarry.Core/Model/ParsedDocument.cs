namespace Quarry.Core.Model;

/// <summary>The result of parsing one input: pages in order plus what produced them.</summary>
public sealed class ParsedDocument
{
    public required string Basename { get; init; }
    public required IReadOnlyList<PageResult> Pages { get; init; }
    public string Backend { get; init; } = "pipeline";
    public string VersionName { get; init; } = QuarryVersion.Current;

    /// <summary>0-based index of the first parsed page in the source (MinerU's start_page).</summary>
    public int StartPage { get; init; }
    public int SourcePageCount { get; init; }

    /// <summary>Requests sent to the model server for this document (layout + content; 0 without the model), for hosts to report.</summary>
    public int ModelRequests { get; init; }

    public IEnumerable<Block> BodyBlocks => Pages.SelectMany(p => p.Blocks);

    /// <summary>Pages that are not complete, with why (their reasons joined), for hosts to report.</summary>
    public IEnumerable<DegradedPage> DegradedPages => Pages
        .Where(p => p.Degraded)
        .Select(p => new DegradedPage(p.PageIndex, string.Join("; ", p.DegradedReasons)));
}

/// <summary>A degraded page: its index in the parsed range (as <c>page_idx</c>) and the reason.</summary>
public sealed record DegradedPage(int PageIndex, string Reason);

public static class QuarryVersion
{
    public static string Current { get; } =
        typeof(QuarryVersion).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
