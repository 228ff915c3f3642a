using System.Text.Json;
using Quarry.Core.Model;
using Quarry.Core.Text;

namespace Quarry.Core.Writers;

/// <summary>Writes MinerU's <c>B_content_list_v2.json</c>: one array of typed blocks per page.</summary>
public static class ContentListV2Writer
{
    public static byte[] Write(ParsedDocument document) => JsonOutput.ToBytes(s => Write(document, s));

    public static void Write(ParsedDocument document, Stream stream) => JsonOutput.Write(stream, w =>
    {
        w.WriteStartArray();
        foreach (var page in document.Pages)
        {
            w.WriteStartArray();
            foreach (var block in page.Blocks.Where(b => !b.MergedIntoPrevious).Concat(page.Discarded))
            {
                WriteBlock(w, block, page);
            }
            w.WriteEndArray();
            w.Flush(); // hand each page to the stream; the writer would otherwise buffer the whole file
        }
        w.WriteEndArray();
    });

    private static void WriteBlock(Utf8JsonWriter w, Block block, PageResult page)
    {
        var type = MinerUNames.ContentListV2(block.Type);
        w.WriteStartObject();
        w.WriteString("type", type);
        w.WriteStartObject("content");
        switch (block.Type)
        {
            case BlockType.Title:
                WriteSpans(w, "title_content", InlineMath.Split(block, block.DocumentText));
                w.WriteNumber("level", Math.Max(1, block.Level));
                break;
            case BlockType.Text:
                WriteSpans(w, "paragraph_content", InlineMath.Split(block, block.DocumentText));
                break;
            case BlockType.Equation:
                w.WriteString("math_content", block.Text);
                w.WriteString("math_type", "latex");
                WriteImageSource(w, block.ImageName);
                break;
            case BlockType.Image:
                WriteImageSource(w, block.ImageName);
                WriteSpanList(w, "image_caption", block.Captions);
                WriteSpanList(w, "image_footnote", block.Footnotes);
                break;
            case BlockType.Table:
                WriteImageSource(w, block.ImageName);
                WriteSpanList(w, "table_caption", block.Captions);
                WriteSpanList(w, "table_footnote", block.Footnotes);
                var html = block.TableHtml ?? "";
                w.WriteString("html", html);
                // MinerU: a table inside a table is nesting level 2; spans or nesting make it complex.
                var nestLevel = html.Split("<table").Length > 2 ? 2 : 1;
                var complex = nestLevel > 1 || html.Contains("colspan", StringComparison.Ordinal) || html.Contains("rowspan", StringComparison.Ordinal);
                w.WriteString("table_type", complex ? "complex_table" : "simple_table");
                w.WriteNumber("table_nest_level", nestLevel);
                break;
            case BlockType.Code:
                WriteSpanList(w, "code_caption", block.Captions);
                w.WriteStartArray("code_content");
                WriteSpan(w, block.Text);
                w.WriteEndArray();
                WriteSpanList(w, "code_footnote", block.Footnotes);
                w.WriteString("code_language", MinerUNames.CodeLanguage(block));
                break;
            case BlockType.List:
                w.WriteString("list_type", "text_list");
                w.WriteString("attribute", block.Ordered ? "ordered" : "unordered");
                w.WriteStartArray("list_items");
                foreach (var item in block.ListItems)
                {
                    w.WriteStartObject();
                    w.WriteString("item_type", "text");
                    WriteSpans(w, "item_content", item);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                break;
            default:
                WriteSpans(w, type + "_content", block.Text);
                break;
        }
        w.WriteEndObject();
        w.WriteNumbers("bbox", block.BoundingBox.ToPermille(page.Width, page.Height));
        w.WriteEndObject();
    }

    private static void WriteImageSource(Utf8JsonWriter w, string? imageName)
    {
        w.WriteStartObject("image_source");
        w.WriteString("path", MinerUNames.ImagePath(imageName));
        w.WriteEndObject();
    }

    /// <summary>Prose and inline formulas as MinerU's span list: <c>text</c> and <c>equation_inline</c> spans.</summary>
    private static void WriteSpans(Utf8JsonWriter w, string name, IReadOnlyList<(bool IsMath, string Content)> pieces)
    {
        w.WriteStartArray(name);
        foreach (var (isMath, content) in pieces)
        {
            w.WriteStartObject();
            w.WriteString("type", isMath ? "equation_inline" : "text");
            w.WriteString("content", content);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteSpans(Utf8JsonWriter w, string name, string text)
    {
        w.WriteStartArray(name);
        WriteSpan(w, text);
        w.WriteEndArray();
    }

    /// <summary>Captions and footnotes: each a span list of its own.</summary>
    private static void WriteSpanList(Utf8JsonWriter w, string name, IEnumerable<string> texts)
    {
        w.WriteStartArray(name);
        foreach (var t in texts)
        {
            WriteSpan(w, t);
        }
        w.WriteEndArray();
    }

    private static void WriteSpan(Utf8JsonWriter w, string text)
    {
        w.WriteStartObject();
        w.WriteString("type", "text");
        w.WriteString("content", text);
        w.WriteEndObject();
    }
}
