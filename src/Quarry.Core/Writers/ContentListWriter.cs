using System.Text.Json;
using Quarry.Core.Model;
using Quarry.Core.Text;

namespace Quarry.Core.Writers;

/// <summary>
/// Writes MinerU's flat <c>B_content_list.json</c>: body entries per page, then that page's furniture. Text is
/// Markdown-escaped as in the <c>.md</c> (MinerU builds both from the same merge), code fenced as in the <c>.md</c>.
/// </summary>
public static class ContentListWriter
{
    public static byte[] Write(ParsedDocument document) => JsonOutput.ToBytes(s => Write(document, s));

    public static void Write(ParsedDocument document, Stream stream) => JsonOutput.Write(stream, w =>
    {
        w.WriteStartArray();
        foreach (var page in document.Pages)
        {
            foreach (var block in page.Blocks.Where(b => !b.MergedIntoPrevious))
            {
                WriteEntry(w, block, page);
            }
            foreach (var block in page.Discarded)
            {
                WriteEntry(w, block, page);
            }
            w.Flush(); // hand each page to the stream; the writer would otherwise buffer the whole file
        }
        w.WriteEndArray();
    });

    private static void WriteEntry(Utf8JsonWriter w, Block block, PageResult page)
    {
        w.WriteStartObject();
        w.WriteString("type", MinerUNames.ContentList(block.Type));
        switch (block.Type)
        {
            case BlockType.Title:
                w.WriteString("text", InlineMath.Escape(block, block.DocumentText));
                w.WriteNumber("text_level", Math.Max(1, block.Level));
                break;
            case BlockType.Text:
                w.WriteString("text", block.MarkdownText ?? InlineMath.Escape(block, block.DocumentText));
                break;
            case BlockType.Equation:
                w.WriteString("img_path", MinerUNames.ImagePath(block.ImageName));
                w.WriteString("text", "$$\n" + block.Text + "\n$$");
                w.WriteString("text_format", "latex");
                break;
            case BlockType.Image:
                w.WriteString("img_path", MinerUNames.ImagePath(block.ImageName));
                w.WriteStrings("image_caption", block.Captions.Select(MarkdownEscaper.Escape));
                w.WriteStrings("image_footnote", block.Footnotes.Select(MarkdownEscaper.Escape));
                break;
            case BlockType.Table:
                w.WriteString("img_path", MinerUNames.ImagePath(block.ImageName));
                w.WriteStrings("table_caption", block.Captions.Select(MarkdownEscaper.Escape));
                w.WriteStrings("table_footnote", block.Footnotes.Select(MarkdownEscaper.Escape));
                w.WriteString("table_body", block.TableHtml ?? "");
                break;
            case BlockType.Code:
                w.WriteString("sub_type", "code");
                w.WriteStrings("code_caption", block.Captions.Select(MarkdownEscaper.Escape));
                w.WriteStrings("code_footnote", block.Footnotes.Select(MarkdownEscaper.Escape));
                w.WriteString("code_body", MinerUNames.FencedCode(block));
                w.WriteString("guess_lang", MinerUNames.CodeLanguage(block));
                break;
            case BlockType.List:
                // sub_type keeps to MinerU's values (text, ref_text); ordered/unordered as in v2's attribute.
                w.WriteString("sub_type", "text");
                w.WriteString("attribute", block.Ordered ? "ordered" : "unordered");
                w.WriteStrings("list_items", block.ListItems.Select(MarkdownEscaper.Escape));
                break;
            default:
                w.WriteString("text", MarkdownEscaper.Escape(block.Text));
                break;
        }
        w.WriteNumbers("bbox", block.BoundingBox.ToPermille(page.Width, page.Height));
        w.WriteNumber("page_idx", page.PageIndex);
        w.WriteEndObject();
    }
}
