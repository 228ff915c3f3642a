using System.Text.Json.Nodes;
using Quarry.Core.Readers;
using Quarry.Core.Text;
using Quarry.Core.Writers;

namespace Quarry.Client.FanOut;

/// <summary>
/// Merges the results of page-range jobs into one result shaped like a single-job parse: page indexes
/// shifted, a paragraph split by a job boundary joined as the parser joins one split by a page, and the
/// Markdown rendered again from the merged content list.
/// </summary>
public static class ResultMerger
{
    private static readonly HashSet<string> Furniture = ["header", "footer", "page_number", "aside_text", "page_footnote"];

    public static ParseResult Merge(IReadOnlyList<ParseResult> parts)
    {
        if (parts.Count == 0)
        {
            throw new ArgumentException("nothing to merge", nameof(parts));
        }
        var ordered = parts.OrderBy(p => p.StartPage).ToList();
        var first = ordered[0];
        var contentList = new JsonArray();
        var v2 = ordered.All(p => p.ContentListV2 is not null) ? new JsonArray() : null;
        var pdfInfo = ordered.All(p => p.Middle is not null) ? new JsonArray() : null;
        var images = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var part in ordered)
        {
            var offset = part.StartPage - first.StartPage;
            var entries = part.ContentList.Select(e => e!.DeepClone().AsObject()).ToList();
            foreach (var e in entries)
            {
                e["page_idx"] = (e["page_idx"]?.GetValue<int>() ?? 0) + offset;
            }
            var v2Pages = part.ContentListV2?.Select(p => p!.DeepClone()).ToList();
            var middlePages = (part.Middle?["pdf_info"] as JsonArray)?.Select(p => p!.DeepClone().AsObject()).ToList();
            middlePages?.ForEach(p => p["page_idx"] = (p["page_idx"]?.GetValue<int>() ?? 0) + offset);
            if (contentList.Count > 0 && JoinAcrossBoundary(contentList, entries))
            {
                MarkContinuation(v2, v2Pages, middlePages, pdfInfo, contentList);
            }
            foreach (var e in entries)
            {
                contentList.Add(e);
            }
            v2Pages?.ForEach(p => v2!.Add(p));
            middlePages?.ForEach(p => pdfInfo!.Add(p));
            foreach (var (name, data) in part.Images)
            {
                images[name] = data;
            }
        }
        if (pdfInfo is not null)
        {
            Relevel(contentList, v2, pdfInfo);
        }
        var blocks = contentList.Select(e => ContentListReader.Read(e!.AsObject())).OfType<Core.Model.Block>();
        JsonObject? middle = null;
        if (pdfInfo is not null)
        {
            middle = new JsonObject { ["pdf_info"] = pdfInfo };
            foreach (var (k, v) in first.Middle!.Where(kv => kv.Key != "pdf_info"))
            {
                middle[k] = v?.DeepClone();
            }
        }
        return new ParseResult
        {
            Basename = first.Basename,
            Markdown = MarkdownWriter.Write(blocks),
            ContentList = contentList,
            ContentListV2 = v2,
            Middle = middle,
            Images = images,
            StartPage = first.StartPage,
            Pages = ordered.Sum(p => p.Pages),
            SourcePages = first.SourcePages,
            Transport = "fan-out",
        };
    }

    /// <summary>When the next part opens with the rest of the previous part's last paragraph, join them into the earlier entry.</summary>
    private static bool JoinAcrossBoundary(JsonArray merged, List<JsonObject> next)
    {
        var last = merged.Select(n => n!.AsObject()).LastOrDefault(e => !Furniture.Contains(Type(e)));
        var head = next.FirstOrDefault(e => !Furniture.Contains(Type(e)));
        if (last is null || head is null || !IsParagraph(last) || !IsParagraph(head))
        {
            return false;
        }
        var a = last["text"]!.GetValue<string>();
        var b = head["text"]!.GetValue<string>();
        if (!Continuation.Continues(a, b))
        {
            return false;
        }
        last["text"] = Continuation.Join(a, b);
        next.Remove(head);
        return true;
    }

    /// <summary>Mirrors the join in v2 (first paragraph of the next part dropped, text moved up) and middle (lines_deleted).</summary>
    private static void MarkContinuation(JsonArray? v2, List<JsonNode>? v2Pages, List<JsonObject>? middlePages, JsonArray? pdfInfo, JsonArray merged)
    {
        var joined = merged.Select(n => n!.AsObject()).Last(e => !Furniture.Contains(Type(e)))["text"]!.GetValue<string>();
        if (v2 is not null && v2Pages is not null)
        {
            var previous = v2.Select(p => p!.AsArray()).SelectMany(p => p).Select(b => b!.AsObject()).LastOrDefault(b => Type(b) == "paragraph");
            var nextPage = v2Pages.Select(p => p.AsArray()).FirstOrDefault(p => p.Any(b => Type(b!.AsObject()) == "paragraph"));
            if (previous is not null && nextPage is not null)
            {
                // The content list's text is Markdown-escaped; v2's span text is not.
                previous["content"]!["paragraph_content"] = new JsonArray(new JsonObject { ["type"] = "text", ["content"] = MarkdownEscaper.Unescape(joined) });
                nextPage.Remove(nextPage.First(b => Type(b!.AsObject()) == "paragraph"));
            }
        }
        var para = middlePages?.SelectMany(p => p["para_blocks"] as JsonArray ?? []).Select(b => b!.AsObject()).FirstOrDefault(b => Type(b) == "text");
        if (para is not null && para["lines_deleted"] is null)
        {
            // As the writer does (and MinerU): the continuation's lines move into the paragraph's first part,
            // their spans marked cross_page, and the continuation keeps lines: [] and lines_deleted.
            var target = pdfInfo?.SelectMany(p => p!["para_blocks"] as JsonArray ?? []).Select(b => b!.AsObject())
                .LastOrDefault(b => Type(b) == "text" && b["lines_deleted"] is null);
            var lines = para["lines"] as JsonArray ?? [];
            if (target?["lines"] is JsonArray into)
            {
                foreach (var line in lines.ToList())
                {
                    lines.Remove(line);
                    foreach (var span in line!["spans"] as JsonArray ?? [])
                    {
                        span!["cross_page"] = true;
                    }
                    into.Add(line);
                }
            }
            // Same key order as the writer: lines_deleted right before index.
            var index = para["index"]?.DeepClone();
            para.Remove("index");
            para["lines_deleted"] = true;
            para["index"] = index;
        }
    }

    /// <summary>
    /// Each part ranked title sizes among the titles it saw; decide the levels again over the whole document
    /// from the font size and outline level the middle JSON records, and write them to all three files.
    /// </summary>
    private static void Relevel(JsonArray contentList, JsonArray? v2, JsonArray pdfInfo)
    {
        List<JsonObject> TitlesIn(string key) => pdfInfo.SelectMany(p => p![key] as JsonArray ?? []).Select(b => b!.AsObject()).Where(b => Type(b) == "title").ToList();
        var middleTitles = TitlesIn("para_blocks");
        var preprocTitles = TitlesIn("preproc_blocks");
        var listTitles = contentList.Select(e => e!.AsObject()).Where(e => Type(e) == "text" && e["text_level"] is not null).ToList();
        var v2Titles = v2?.SelectMany(p => p!.AsArray()).Select(b => b!.AsObject()).Where(b => Type(b) == "title").ToList();
        if (middleTitles.Count != listTitles.Count || preprocTitles.Count != listTitles.Count || middleTitles.Any(t => t["font_size"] is null) || (v2Titles is not null && v2Titles.Count != listTitles.Count))
        {
            return; // not a Quarry middle JSON (no font sizes): keep the parts' levels
        }
        var infos = middleTitles.Select((t, i) => new TitleInfo(listTitles[i]["text"]!.GetValue<string>(), t["font_size"]!.GetValue<double>(), t["outline_level"]?.GetValue<int>())).ToList();
        var levels = HeadingLevels.Assign(infos);
        for (var i = 0; i < levels.Length; i++)
        {
            middleTitles[i]["level"] = levels[i];
            preprocTitles[i]["level"] = levels[i];
            listTitles[i]["text_level"] = levels[i];
            if (v2Titles is not null)
            {
                v2Titles[i]["content"]!["level"] = levels[i];
            }
        }
    }

    private static bool IsParagraph(JsonObject e) => Type(e) == "text" && e["text_level"] is null;

    private static string Type(JsonObject e) => e["type"]?.GetValue<string>() ?? "";
}
