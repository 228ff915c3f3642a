using System.Text.Json;
using Quarry.Core.Model;

namespace Quarry.Core.Writers;

/// <summary>Writes MinerU's flat <c>B_content_list.json</c>: body entries per page, then that page's furniture.</summary>
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
                w.WriteString("text", block.DocumentText);
                w.WriteNumber("text_level", Math.Max(1, block.Level));
                break;
            case BlockType.Text:
                w.WriteString("text", block.DocumentText);
                break;
            case BlockType.Equation:
                w.WriteString("img_path", MinerUNames.ImagePath(block.ImageName));
                w.WriteString("text", "$$\n" + block.Text + "\n$$");
                w.WriteString("text_format", "latex");
                break;
            case BlockType.Image:
                w.WriteString("img_path", MinerUNames.ImagePath(block.ImageName));
                w.WriteStrings("image_caption", block.Captions);
                w.WriteStrings("image_footnote", block.Footnotes);
                break;
            case BlockType.Table:
                w.WriteString("img_path", MinerUNames.ImagePath(block.ImageName));
                w.WriteStrings("table_caption", block.Captions);
                w.WriteStrings("table_footnote", block.Footnotes);
                w.WriteString("table_body", block.TableHtml ?? "");
                break;
            case BlockType.Code:
                w.WriteString("sub_type", "code");
                w.WriteStrings("code_caption", block.Captions);
                w.WriteString("code_body", block.Text);
                if (block.CodeLanguage is not null)
                {
                    w.WriteString("guess_lang", block.CodeLanguage);
                }
                break;
            case BlockType.List:
                w.WriteString("sub_type", block.Ordered ? "ordered" : "text");
                w.WriteStrings("list_items", block.ListItems);
                break;
            default:
                w.WriteString("text", block.Text);
                break;
        }
        w.WriteNumbers("bbox", block.BoundingBox.ToPermille(page.Width, page.Height));
        w.WriteNumber("page_idx", page.PageIndex);
        w.WriteEndObject();
    }
}
