using System.Text.Json;
using Quarry.Core.Model;

namespace Quarry.Core.Writers;

/// <summary>
/// Writes MinerU's <c>B_middle.json</c> in the pipeline backend's shape, so MinerU's own readers
/// (<c>union_make</c>, <c>draw_span_bbox</c>, <c>draw_layout_bbox</c>) walk it. Boxes are in PDF points, origin
/// top-left. <c>preproc_blocks</c> hold the page's blocks as found; <c>para_blocks</c> the same after
/// cross-page merging: as MinerU does, a continued paragraph's lines move into its first part and the later
/// part keeps <c>lines: []</c> with <c>lines_deleted</c>.
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
            var order = ReadingIndex.Of(page);
            w.WriteStartObject();
            WriteBlocks(w, "preproc_blocks", page, page.Blocks, order, paraView: false);
            WriteBlocks(w, "para_blocks", page, page.Blocks, order, paraView: true);
            WriteBlocks(w, "discarded_blocks", page, page.Discarded, order, paraView: false);
            w.WriteNumber("page_idx", page.PageIndex);
            // MinerU writes int(width), int(height).
            w.WriteNumbers("page_size", [(int)page.Width, (int)page.Height]);
            if (page.Degraded)
            {
                w.WriteBoolean("degraded", true);
            }
            w.WriteEndObject();
            w.Flush(); // hand each page to the stream; the writer would otherwise buffer the whole file
        }
        w.WriteEndArray();
        w.WriteString("_backend", document.Backend);
        w.WriteString("_version_name", MinerUFormat.Version);
        w.WriteString("_quarry_version", document.VersionName);
        w.WriteEndObject();
    });

    private static void WriteBlocks(Utf8JsonWriter w, string name, PageResult page, IReadOnlyList<Block> blocks, ReadingIndex order, bool paraView)
    {
        w.WriteStartArray(name);
        foreach (var block in blocks)
        {
            WriteBlock(w, page, block, order.First(block), paraView);
        }
        w.WriteEndArray();
    }

    private static void WriteBlock(Utf8JsonWriter w, PageResult page, Block block, int first, bool paraView)
    {
        // A merged-away part in para_blocks: its content now lives in the first part.
        var deleted = paraView && block.MergedIntoPrevious;
        w.WriteStartObject();
        w.WriteString("type", MinerUNames.Middle(block.Type));
        w.WriteNumbers("bbox", block.BoundingBox.ToArray());
        var index = first;
        switch (block.Type)
        {
            case BlockType.Image:
                w.WriteStartArray("blocks");
                var sub = new SubBlocks(w, first, deleted);
                sub.Write("image_body", block.BoundingBox, SpanOf("image", block.ImageName));
                WriteCaptions(sub, "image_caption", block);
                WriteFootnotes(sub, "image_footnote", block);
                w.WriteEndArray();
                break;
            case BlockType.Table:
                w.WriteStartArray("blocks");
                sub = new SubBlocks(w, first, deleted);
                WriteCaptions(sub, "table_caption", block);
                index = sub.Next;
                sub.Write("table_body", block.BoundingBox, w2 =>
                {
                    w2.WriteString("type", "table");
                    w2.WriteString("html", block.TableHtml ?? "");
                    w2.WriteString("image_path", block.ImageName ?? "");
                });
                WriteFootnotes(sub, "table_footnote", block);
                w.WriteEndArray();
                break;
            case BlockType.Code:
                w.WriteStartArray("blocks");
                sub = new SubBlocks(w, first, deleted);
                WriteCaptions(sub, "code_caption", block);
                index = sub.Next;
                sub.Write("code_body", block.BoundingBox, TextSpan(block.Text));
                WriteFootnotes(sub, "code_footnote", block);
                w.WriteEndArray();
                w.WriteString("sub_type", "code");
                w.WriteString("guess_lang", MinerUNames.CodeLanguage(block));
                break;
            case BlockType.List:
                ListShape.Write(w, block);
                break;
            case BlockType.Equation:
                w.WriteStartArray("lines");
                // MinerU gives the equation's span the crop's image_path, as a table body's.
                WriteLine(w, block.BoundingBox, [new Span(SpanType.InterlineEquation, block.Text, block.BoundingBox)], crossPage: false,
                    spanImagePath: block.ImageName ?? "");
                w.WriteEndArray();
                break;
            default:
                WriteLines(w, page, block, paraView);
                break;
        }
        if (deleted)
        {
            w.WriteBoolean("lines_deleted", true);
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

    /// <summary>A text block's lines; in para_blocks a first part also carries its continuations' lines, and a continuation none.</summary>
    private static void WriteLines(Utf8JsonWriter w, PageResult page, Block block, bool paraView)
    {
        w.WriteStartArray("lines");
        if (!(paraView && block.MergedIntoPrevious))
        {
            WriteLineList(w, block.Lines, crossPage: false);
            if (paraView)
            {
                foreach (var part in block.Continuations)
                {
                    // MinerU marks spans moved in from another page as cross_page (not those from the next column).
                    WriteLineList(w, part.Lines, crossPage: !page.Blocks.Contains(part));
                }
            }
        }
        w.WriteEndArray();
    }

    internal static void WriteLineList(Utf8JsonWriter w, IEnumerable<Line> lines, bool crossPage, Action<Utf8JsonWriter, int>? tags = null)
    {
        var i = 0;
        foreach (var line in lines)
        {
            var n = i++;
            WriteLine(w, line.BoundingBox, line.Spans, crossPage, tags is null ? null : w2 => tags(w2, n));
        }
    }

    private static void WriteLine(Utf8JsonWriter w, BoundingBox box, IEnumerable<Span> spans, bool crossPage, Action<Utf8JsonWriter>? tags = null, string? spanImagePath = null)
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
            if (spanImagePath is not null)
            {
                w.WriteString("image_path", spanImagePath);
            }
            if (crossPage)
            {
                w.WriteBoolean("cross_page", true);
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        tags?.Invoke(w);
        w.WriteEndObject();
    }

    private static void WriteCaptions(SubBlocks sub, string type, Block block)
    {
        for (var i = 0; i < block.Captions.Count; i++)
        {
            var box = i < block.CaptionBoxes.Count ? block.CaptionBoxes[i] : block.BoundingBox;
            sub.Write(type, box, TextSpan(block.Captions[i]));
        }
    }

    private static void WriteFootnotes(SubBlocks sub, string type, Block block)
    {
        foreach (var note in block.Footnotes)
        {
            sub.Write(type, block.BoundingBox, TextSpan(note));
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

    /// <summary>
    /// A visual block's body/caption/footnote sub-blocks, each one line of one span, numbered on from the
    /// block's first reading index. In a merged-away table (para view) each keeps <c>lines: []</c> and
    /// <c>lines_deleted</c>, as MinerU's table merge leaves them.
    /// </summary>
    private sealed class SubBlocks(Utf8JsonWriter w, int first, bool deleted)
    {
        public int Next { get; private set; } = first;

        public void Write(string type, BoundingBox box, Action<Utf8JsonWriter> span)
        {
            w.WriteStartObject();
            w.WriteString("type", type);
            w.WriteNumbers("bbox", box.ToArray());
            w.WriteStartArray("lines");
            if (!deleted)
            {
                w.WriteStartObject();
                w.WriteNumbers("bbox", box.ToArray());
                w.WriteStartArray("spans");
                w.WriteStartObject();
                w.WriteNumbers("bbox", box.ToArray());
                span(w);
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            if (deleted)
            {
                w.WriteBoolean("lines_deleted", true);
            }
            w.WriteNumber("index", Next++);
            w.WriteEndObject();
        }
    }
}
