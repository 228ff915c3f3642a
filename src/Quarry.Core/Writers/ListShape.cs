using System.Text.Json;
using Quarry.Core.Model;

namespace Quarry.Core.Writers;

/// <summary>
/// A list block in <c>middle.json</c>, readable by both of MinerU's backends: the pipeline shape (<c>lines[]</c>
/// tagged <c>is_list_start_line</c> / <c>is_list_end_line</c>, which union_make and draw_span_bbox iterate) and
/// the VLM shape (<c>blocks[]</c> of one <c>text</c> sub-block per item). <c>sub_type</c> keeps to the values
/// MinerU knows (<c>text</c>); ordered/unordered goes in <c>attribute</c>, as MinerU's v2 writer reads it.
/// </summary>
public static class ListShape
{
    internal static void Write(Utf8JsonWriter w, Block block)
    {
        var items = Items(block);
        w.WriteStartArray("lines");
        foreach (var item in items)
        {
            MiddleJsonWriter.WriteLineList(w, item, crossPage: false, (w2, n) =>
            {
                w2.WriteBoolean("is_list_start_line", n == 0);
                w2.WriteBoolean("is_list_end_line", n == item.Count - 1);
            });
        }
        w.WriteEndArray();
        w.WriteStartArray("blocks");
        foreach (var item in items)
        {
            w.WriteStartObject();
            w.WriteString("type", "text");
            w.WriteNumbers("bbox", BoundingBox.UnionAll(item.Select(l => l.BoundingBox)).ToArray());
            w.WriteStartArray("lines");
            MiddleJsonWriter.WriteLineList(w, item, crossPage: false);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteString("sub_type", "text");
        w.WriteString("attribute", block.Ordered ? "ordered" : "unordered");
    }

    /// <summary>The block's lines cut into items; a list with no usable line map (read back from JSON) gets one line per item.</summary>
    public static List<List<Line>> Items(Block block)
    {
        var starts = block.ListItemLineStarts;
        var lines = block.Lines;
        if (lines.Count > 0 && starts.Count > 0 && starts[0] == 0 && starts.Zip(starts.Skip(1)).All(p => p.First < p.Second) && starts[^1] < lines.Count)
        {
            return starts.Select((s, k) => lines.Skip(s).Take((k + 1 < starts.Count ? starts[k + 1] : lines.Count) - s).ToList()).ToList();
        }
        if (lines.Count > 0 && lines.Count == block.ListItems.Count)
        {
            return lines.Select(l => new List<Line> { l }).ToList();
        }
        return block.ListItems.Select(t => new List<Line> { new(block.BoundingBox, [new Span(SpanType.Text, t, block.BoundingBox)]) }).ToList();
    }
}
