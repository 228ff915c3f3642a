using System.Text;
using System.Text.Json.Nodes;

namespace Quarry.Parsing.Tests.Conformance;

/// <summary>Raised where MinerU's Python readers would raise (a KeyError on <c>x['key']</c>, a ValueError, a failed unpack).</summary>
public sealed class MinerUReaderException(string message) : Exception(message);

/// <summary>
/// Walks a <c>middle.json</c> the way MinerU 3.4.4's own readers do, written from the reference facts
/// (../shared/reference/mineru-output-format.md) and from which keys those readers index strictly:
/// pipeline <c>union_make</c> (Markdown, content_list, content_list_v2), <c>draw_span_bbox</c> and
/// <c>draw_layout_bbox</c>, and the VLM v2 writer's list rule. A key those readers read with <c>[...]</c> is
/// required here; one they read with <c>.get</c> is optional. It renders a plain Markdown of the para blocks
/// (spans joined by spaces) so tests can see what a MinerU reader would make of the text.
/// </summary>
public static class MinerURulesReader
{
    private static readonly HashSet<string> TextLike = ["text", "list", "index", "abstract", "ref_text"];
    private static readonly HashSet<string> Furniture = ["header", "footer", "page_number", "aside_text", "page_footnote"];
    private static readonly HashSet<string> Visual = ["image", "table", "chart", "code"];
    private static readonly HashSet<string> SpanSources = ["text", "ref_text", "abstract", "phonetic", "title", "interline_equation", "list", "index"];
    private static readonly HashSet<string> TextSubBlocks =
        ["image_caption", "image_footnote", "table_caption", "table_footnote", "code_body", "code_caption", "code_footnote", "chart_caption", "chart_footnote"];

    /// <summary>Runs every reader over the document; returns the Markdown union_make's MM_MD mode would build (simplified).</summary>
    public static string Read(JsonNode middle)
    {
        var pages = Req(middle, "pdf_info", "$").AsArray();
        var md = new List<string>();
        var p = 0;
        foreach (var page in pages)
        {
            var at = $"pdf_info[{p++}]";
            md.AddRange(MarkdownPage(page!, at));
            ContentListPage(page!, at);
            ContentListV2Page(page!, at);
            SpanBoxes(page!, at);
            LayoutBoxes(page!, at);
            VlmLists(page!, at);
        }
        return string.Join("\n\n", md);
    }

    // union_make(MM_MD): para_blocks via .get; each block's type strictly.
    private static IEnumerable<string> MarkdownPage(JsonNode page, string at)
    {
        foreach (var (block, path) in Blocks(page["para_blocks"], at + ".para_blocks"))
        {
            var type = Str(block, "type", path);
            var text = type switch
            {
                _ when TextLike.Contains(type) => MergeText(block, path),
                "title" => "# " + MergeText(block, path),
                "interline_equation" => Equation(block, path),
                _ when Visual.Contains(type) => VisualMarkdown(block, path),
                _ => "",
            };
            if (text.Trim().Length > 0)
            {
                yield return text.Trim();
            }
        }
    }

    private static string Equation(JsonNode block, string path)
    {
        var lines = Req(block, "lines", path).AsArray();
        if (lines.Count == 0)
        {
            return "";
        }
        var spans = Req(lines[0]!, "spans", path + ".lines[0]").AsArray();
        if (spans.Count == 0)
        {
            return "";
        }
        var content = spans[0]!["content"]?.GetValue<string>() ?? "";
        // With no LaTeX, MinerU falls back to the crop, which it then needs.
        return content.Length > 0 ? MergeText(block, path) : "![](" + Str(spans[0]!, "image_path", path + ".lines[0].spans[0]") + ")";
    }

    // merge_visual_blocks_to_markdown: blocks via .get, sub-block type strictly; text sub-blocks go through
    // merge_para_with_text, bodies walk lines/spans strictly.
    private static string VisualMarkdown(JsonNode block, string path)
    {
        var parts = new List<string>();
        foreach (var (sub, subPath) in Blocks(block["blocks"] ?? new JsonArray(), path + ".blocks"))
        {
            var type = Str(sub, "type", subPath);
            if (TextSubBlocks.Contains(type))
            {
                parts.Add(MergeText(sub, subPath));
            }
            else if (type is "image_body" or "table_body" or "chart_body")
            {
                foreach (var (span, _) in Spans(sub, subPath))
                {
                    parts.Add(span["html"]?.GetValue<string>() ?? span["image_path"]?.GetValue<string>() ?? "");
                }
            }
        }
        return string.Join("\n", parts.Where(s => s.Length > 0));
    }

    // union_make(CONTENT_LIST): para_blocks + discarded_blocks, both via .get.
    private static void ContentListPage(JsonNode page, string at)
    {
        var size = PageSize(page, at);
        foreach (var (block, path) in Blocks(page["para_blocks"], at + ".para_blocks").Concat(Blocks(page["discarded_blocks"], at + ".discarded_blocks")))
        {
            var type = Str(block, "type", path);
            if (TextLike.Contains(type) || Furniture.Contains(type) || type == "title")
            {
                _ = type == "ref_text" && block["blocks"] is JsonArray refs ? string.Concat(Blocks(refs, path).Select(b => MergeText(b.Node, b.Path))) : MergeText(block, path);
            }
            else if (type == "interline_equation")
            {
                var lines = Req(block, "lines", path).AsArray();
                if (lines.Count > 0)
                {
                    _ = Req(lines[0]!, "spans", path + ".lines[0]");
                }
            }
            else if (type is "image" or "table")
            {
                foreach (var (sub, subPath) in Blocks(Req(block, "blocks", path), path + ".blocks"))
                {
                    var subType = Str(sub, "type", subPath);
                    if (subType is "image_body" or "table_body")
                    {
                        _ = Spans(sub, subPath).Count();
                    }
                    else if (subType.EndsWith("_caption", StringComparison.Ordinal) || subType.EndsWith("_footnote", StringComparison.Ordinal))
                    {
                        MergeText(sub, subPath);
                    }
                }
            }
            else if (type == "code")
            {
                _ = Str(block, "sub_type", path);
                foreach (var (sub, subPath) in Blocks(block["blocks"] ?? new JsonArray(), path + ".blocks"))
                {
                    _ = Str(sub, "type", subPath);
                    MergeText(sub, subPath);
                }
            }
            Bbox(block, size, path);
        }
    }

    // union_make(CONTENT_LIST_V2): text comes from merge_para_with_text_v2, whose language detection reads
    // lines/spans strictly; code needs a sub_type of code or algorithm.
    private static void ContentListV2Page(JsonNode page, string at)
    {
        var size = PageSize(page, at);
        foreach (var (block, path) in Blocks(page["para_blocks"], at + ".para_blocks").Concat(Blocks(page["discarded_blocks"], at + ".discarded_blocks")))
        {
            var type = Str(block, "type", path);
            if (Furniture.Contains(type) || type is "title" or "text" or "abstract")
            {
                MergeText(block, path);
            }
            else if (Visual.Contains(type))
            {
                foreach (var (sub, subPath) in Blocks(block["blocks"] ?? new JsonArray(), path + ".blocks"))
                {
                    if (Str(sub, "type", subPath) is var t && (t.EndsWith("_caption", StringComparison.Ordinal) || t.EndsWith("_footnote", StringComparison.Ordinal) || t == "code_body"))
                    {
                        MergeText(sub, subPath);
                    }
                }
                if (type == "code" && Str(block, "sub_type", path) is not ("code" or "algorithm") and var sub2)
                {
                    throw new MinerUReaderException($"ValueError: Unknown code sub_type: {sub2} at {path}");
                }
            }
            else if (type is "list" or "index")
            {
                // _split_list_item_blocks: lines via .get, each item merged with merge_para_with_text_v2.
                foreach (var line in (block["lines"] as JsonArray ?? []))
                {
                    _ = Req(line!, "spans", path + ".lines[]");
                }
            }
            Bbox(block, size, path);
        }
    }

    // draw_span_bbox: discarded and preproc blocks strictly, down to each span's type and bbox.
    private static void SpanBoxes(JsonNode page, string at)
    {
        foreach (var (block, path) in Blocks(Req(page, "discarded_blocks", at), at + ".discarded_blocks"))
        {
            foreach (var (span, spanPath) in Spans(block, path))
            {
                Box(span, "bbox", spanPath);
            }
        }
        foreach (var (block, path) in Blocks(Req(page, "preproc_blocks", at), at + ".preproc_blocks"))
        {
            var type = Str(block, "type", path);
            if (SpanSources.Contains(type))
            {
                foreach (var (span, spanPath) in Spans(block, path))
                {
                    SpanInfo(span, spanPath);
                }
            }
            else if (Visual.Contains(type))
            {
                foreach (var (sub, subPath) in Blocks(Req(block, "blocks", path), path + ".blocks"))
                {
                    foreach (var (span, spanPath) in Spans(sub, subPath))
                    {
                        SpanInfo(span, spanPath);
                    }
                }
            }
        }
    }

    private static void SpanInfo(JsonNode span, string path)
    {
        if (Str(span, "type", path) is "text" or "inline_equation" or "interline_equation" or "image" or "chart" or "table")
        {
            Box(span, "bbox", path);
        }
    }

    // draw_layout_bbox: discarded bboxes; preproc blocks' bbox and type; visual blocks' sub-blocks' bbox and type.
    private static void LayoutBoxes(JsonNode page, string at)
    {
        foreach (var (block, path) in Blocks(Req(page, "discarded_blocks", at), at + ".discarded_blocks"))
        {
            Box(block, "bbox", path);
        }
        foreach (var (block, path) in Blocks(page["preproc_blocks"] ?? new JsonArray(), at + ".preproc_blocks"))
        {
            Box(block, "bbox", path);
            var type = Str(block, "type", path);
            if (type is "table" or "image" or "code" or "chart" || (type == "list" && block["blocks"] is not null))
            {
                foreach (var (sub, subPath) in Blocks(Req(block, "blocks", path), path + ".blocks"))
                {
                    Box(sub, "bbox", subPath);
                    if (type != "list")
                    {
                        _ = Str(sub, "type", subPath);
                    }
                }
            }
        }
    }

    // The VLM writers: a list's sub_type must be text or ref_text, and its items are blocks with lines.
    private static void VlmLists(JsonNode page, string at)
    {
        foreach (var (block, path) in Blocks(page["para_blocks"], at + ".para_blocks"))
        {
            if (Str(block, "type", path) != "list")
            {
                continue;
            }
            if (block["sub_type"] is JsonNode st && st.GetValue<string>() is not ("text" or "ref_text") and var bad)
            {
                throw new MinerUReaderException($"ValueError: Unknown list sub_type: {bad} at {path}");
            }
            if (block["blocks"] is JsonArray items)
            {
                foreach (var (item, itemPath) in Blocks(items, path + ".blocks"))
                {
                    MergeText(item, itemPath);
                }
            }
        }
    }

    /// <summary>merge_para_with_text: lines, each line's spans and each span's type strictly; list start lines break.</summary>
    public static string MergeText(JsonNode block, string path)
    {
        var sb = new StringBuilder();
        var i = 0;
        foreach (var line in Req(block, "lines", path).AsArray())
        {
            var linePath = $"{path}.lines[{i}]";
            if (i++ > 0 && line!["is_list_start_line"]?.GetValue<bool>() == true)
            {
                sb.Append('\n');
            }
            var s = 0;
            foreach (var span in Req(line!, "spans", linePath).AsArray())
            {
                var type = Str(span!, "type", $"{linePath}.spans[{s++}]");
                if (type is "text" or "inline_equation" or "interline_equation" && span!["content"]?.GetValue<string>() is { Length: > 0 } c)
                {
                    sb.Append(c.Trim()).Append(' ');
                }
            }
        }
        return sb.ToString().TrimEnd();
    }

    private static IEnumerable<(JsonNode Span, string Path)> Spans(JsonNode block, string path)
    {
        var i = 0;
        foreach (var line in Req(block, "lines", path).AsArray())
        {
            var linePath = $"{path}.lines[{i++}]";
            var s = 0;
            foreach (var span in Req(line!, "spans", linePath).AsArray())
            {
                yield return (span!, $"{linePath}.spans[{s++}]");
            }
        }
    }

    private static IEnumerable<(JsonNode Node, string Path)> Blocks(JsonNode? array, string path)
    {
        var i = 0;
        foreach (var b in array as JsonArray ?? [])
        {
            yield return (b!, $"{path}[{i++}]");
        }
    }

    private static (double W, double H) PageSize(JsonNode page, string at)
    {
        // `page_width, page_height = page_size`: exactly two numbers.
        if (page["page_size"] is not JsonArray { Count: 2 } size)
        {
            throw new MinerUReaderException($"ValueError: page_size is not [w, h] at {at}");
        }
        return (size[0]!.GetValue<double>(), size[1]!.GetValue<double>());
    }

    private static void Bbox(JsonNode block, (double W, double H) size, string path)
    {
        if (block["bbox"] is not null && size.W > 0)
        {
            Box(block, "bbox", path);
        }
    }

    private static void Box(JsonNode node, string key, string path)
    {
        if (Req(node, key, path) is not JsonArray { Count: 4 } box || box.Any(v => v is not JsonValue))
        {
            throw new MinerUReaderException($"ValueError: {key} is not [x0, y0, x1, y1] at {path}");
        }
    }

    private static string Str(JsonNode node, string key, string path) => Req(node, key, path).GetValue<string>();

    private static JsonNode Req(JsonNode node, string key, string path) =>
        node[key] ?? throw new MinerUReaderException($"KeyError: '{key}' at {path}");
}
