using System.Text.Json;
using Quarry.Core.Model;

namespace Quarry.Core.Writers;

/// <summary>
/// Writes MinerU's <c>B_middle.json</c>. Boxes are in PDF points, origin top-left. <c>preproc_blocks</c> hold
/// the page's blocks as found; <c>para_blocks</c> the same after cross-page merging, where a continued
/// paragraph keeps its lines but is marked <c>lines_deleted</c> (as MinerU does).
/// </summary>
public static class MiddleJsonWriter
{
    public static byte[] Write(ParsedDocument document) => JsonOutput.ToBytes(s => Write(document, s));

    public static void Write(ParsedDocument document, Stream stream) => JsonOutput.Write(stream, w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("pdf_info");
        foreach (var page in document.Pages)
        {
            w.WriteStartObject();
            WriteBlocks(w, "preproc_blocks", page.Blocks, paraView: false);
            WriteBlocks(w, "para_blocks", page.Blocks, paraView: true);
            WriteBlocks(w, "discarded_blocks", page.Discarded, paraView: false);
            w.WriteNumber("page_idx", page.PageIndex);
            w.WriteNumbers("page_size", [Math.Round(page.Width, 2), Math.Round(page.Height, 2)]);
            if (page.Degraded)
            {
                w.WriteBoolean("degraded", true);
            }
            w.WriteEndObject();
            w.Flush(); // hand each page to the stream; the writer would otherwise buffer the whole file
        }
        w.WriteEndArray();
        w.WriteString("_backend", document.Backend);
        w.WriteString("_version_name", document.VersionName);
        w.WriteEndObject();
    });

    private static void WriteBlocks(Utf8JsonWriter w, string name, IReadOnlyList<Block> blocks, bool paraView)
    {
        w.WriteStartArray(name);
        for (var i = 0; i < blocks.Count; i++)
        {
            WriteBlock(w, blocks[i], i, paraView);
        }
        w.WriteEndArray();
    }

    private static void WriteBlock(Utf8JsonWriter w, Block block, int index, bool paraView)
    {
        w.WriteStartObject();
        w.WriteString("type", MinerUNames.Middle(block.Type));
        w.WriteNumbers("bbox", block.BoundingBox.ToArray());
        switch (block.Type)
        {
            case BlockType.Image:
                w.WriteStartArray("blocks");
                WriteSubBlock(w, "image_body", block.BoundingBox, SpanOf("image", block.ImageName));
                WriteCaptions(w, "image_caption", block);
                WriteFootnotes(w, "image_footnote", block);
                w.WriteEndArray();
                break;
            case BlockType.Table:
                w.WriteStartArray("blocks");
                WriteCaptions(w, "table_caption", block);
                WriteSubBlock(w, "table_body", block.BoundingBox, w2 =>
                {
                    w2.WriteString("type", "table");
                    w2.WriteString("html", block.TableHtml ?? "");
                    w2.WriteString("image_path", block.ImageName ?? "");
                });
                WriteFootnotes(w, "table_footnote", block);
                w.WriteEndArray();
                break;
            case BlockType.Code:
                w.WriteStartArray("blocks");
                WriteCaptions(w, "code_caption", block);
                WriteSubBlock(w, "code_body", block.BoundingBox, TextSpan(block.Text));
                w.WriteEndArray();
                w.WriteString("sub_type", "code");
                break;
            case BlockType.List:
                w.WriteStartArray("blocks");
                foreach (var item in block.ListItems)
                {
                    WriteSubBlock(w, "text", block.BoundingBox, TextSpan(item));
                }
                w.WriteEndArray();
                w.WriteString("sub_type", block.Ordered ? "ordered" : "text");
                break;
            case BlockType.Equation:
                w.WriteStartArray("lines");
                WriteLine(w, block.BoundingBox, [new Span(SpanType.InterlineEquation, block.Text, block.BoundingBox)]);
                w.WriteEndArray();
                break;
            default:
                WriteLines(w, block);
                if (paraView && block.MergedIntoPrevious)
                {
                    w.WriteBoolean("lines_deleted", true);
                }
                break;
        }
        if (block.Type == BlockType.Title)
        {
            w.WriteNumber("level", Math.Max(1, block.Level));
            // What the level was decided from, so merged partial parses can be re-levelled as one document.
            w.WriteNumber("font_size", Math.Round(block.FontSize, 2));
            if (block.OutlineLevel is { } outline)
            {
                w.WriteNumber("outline_level", outline);
            }
        }
        w.WriteNumber("index", index);
        w.WriteEndObject();
    }

    private static void WriteLines(Utf8JsonWriter w, Block block)
    {
        w.WriteStartArray("lines");
        foreach (var line in block.Lines)
        {
            WriteLine(w, line.BoundingBox, line.Spans);
        }
        w.WriteEndArray();
    }

    private static void WriteLine(Utf8JsonWriter w, BoundingBox box, IEnumerable<Span> spans)
    {
        w.WriteStartObject();
        w.WriteNumbers("bbox", box.ToArray());
        w.WriteStartArray("spans");
        foreach (var span in spans)
        {
            w.WriteStartObject();
            w.WriteNumbers("bbox", span.BoundingBox.ToArray());
            w.WriteString("type", span.Type switch
            {
                SpanType.InlineEquation => "inline_equation",
                SpanType.InterlineEquation => "interline_equation",
                _ => "text",
            });
            w.WriteString("content", span.Content);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteCaptions(Utf8JsonWriter w, string type, Block block)
    {
        for (var i = 0; i < block.Captions.Count; i++)
        {
            var box = i < block.CaptionBoxes.Count ? block.CaptionBoxes[i] : block.BoundingBox;
            WriteSubBlock(w, type, box, TextSpan(block.Captions[i]));
        }
    }

    private static void WriteFootnotes(Utf8JsonWriter w, string type, Block block)
    {
        foreach (var note in block.Footnotes)
        {
            WriteSubBlock(w, type, block.BoundingBox, TextSpan(note));
        }
    }

    private static Action<Utf8JsonWriter> TextSpan(string text) => w =>
    {
        w.WriteString("type", "text");
        w.WriteString("content", text);
    };

    private static Action<Utf8JsonWriter> SpanOf(string type, string? imageName) => w =>
    {
        w.WriteString("type", type);
        w.WriteString("image_path", imageName ?? "");
    };

    private static void WriteSubBlock(Utf8JsonWriter w, string type, BoundingBox box, Action<Utf8JsonWriter> span)
    {
        w.WriteStartObject();
        w.WriteString("type", type);
        w.WriteNumbers("bbox", box.ToArray());
        w.WriteStartArray("lines");
        w.WriteStartObject();
        w.WriteNumbers("bbox", box.ToArray());
        w.WriteStartArray("spans");
        w.WriteStartObject();
        w.WriteNumbers("bbox", box.ToArray());
        span(w);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
