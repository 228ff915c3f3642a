using System.Text.Json.Nodes;
using Quarry.Core.Model;
using Quarry.Worker.Jobs;

namespace Quarry.Worker.Pipeline;

/// <summary>
/// The keys of a result entry that describe the job rather than carry its output, spelled as mineru-runpod
/// documents them (callers switching from it read these), plus Quarry's richer range beside them.
/// </summary>
internal static class ResultEcho
{
    /// <summary>Most degraded items an entry lists; <c>count</c> says how many there were (mineru-runpod's cap).</summary>
    internal const int MaxDegradedItems = 50;

    /// <summary>The slice the caller asked for, not what the document had: <c>end − start + 1</c>, or −1 when the end was open.</summary>
    public static int PagesRequested(JobRequest request) =>
        request.EndPage < 0 ? -1 : request.EndPage - request.StartPage + 1;

    /// <summary>The pages actually parsed, 0-based in the source, and how many the source has.</summary>
    public static JsonObject PageRange(ParsedDocument document) => new()
    {
        ["start_page"] = document.StartPage,
        ["end_page"] = document.StartPage + document.Pages.Count - 1,
        ["pages"] = document.Pages.Count,
        ["source_pages"] = document.SourcePageCount,
    };

    /// <summary>
    /// mineru-runpod's <c>degraded</c> object, absent (null) on an intact document. Its items name lost
    /// artifacts; Quarry loses pages instead, so each item is a page: <c>page</c> 0-based in the source (as
    /// <c>start_page</c>), <c>page_idx</c> as in <c>middle.json</c>, and why (several reasons joined by "; ").
    /// </summary>
    public static JsonObject? Degraded(ParsedDocument document)
    {
        var pages = document.DegradedPages.ToList();
        if (pages.Count == 0)
        {
            return null;
        }
        return new JsonObject
        {
            ["count"] = pages.Count,
            ["items"] = new JsonArray([.. pages.Take(MaxDegradedItems).Select(d => (JsonNode)new JsonObject
            {
                ["page"] = document.StartPage + d.PageIndex,
                ["page_idx"] = d.PageIndex,
                ["reason"] = d.Reason,
            })]),
        };
    }
}
