using Quarry.Core.Model;

namespace Quarry.Parsing.Sources.Office;

/// <summary>
/// Blocks built straight from an Office document's structure. Office pages are not laid out, so every box is
/// empty (MinerU writes no bbox at all for Office inputs; our writers need one, and zeros say "none").
/// </summary>
internal static class OfficeBlocks
{
    public static readonly BoundingBox NoBox = default;

    /// <summary>A text-like block: its text plus one line whose spans set inline equations apart.</summary>
    public static Block Text(BlockType type, InlineText text, int level = 0) => new()
    {
        Type = type,
        BoundingBox = NoBox,
        Text = text.Text,
        MarkdownText = type == BlockType.Text ? text.Markdown : null,
        Level = level,
        Lines = [new Line(NoBox, text.Spans())],
    };

    public static Block Text(BlockType type, string text, int level = 0) => Text(type, new InlineText(text, []), level);

    public static Block Equation(string latex) => new()
    {
        Type = BlockType.Equation,
        BoundingBox = NoBox,
        Text = latex,
    };

    public static Block Table(string html) => new()
    {
        Type = BlockType.Table,
        BoundingBox = NoBox,
        TableHtml = html,
    };

    /// <summary>A list: top-level items, each with its nested items already folded into its text (see <see cref="ListBuilder"/>).</summary>
    public static Block List(IReadOnlyList<string> items, bool ordered, int start) => new()
    {
        Type = BlockType.List,
        BoundingBox = NoBox,
        ListItems = items,
        Ordered = ordered,
        ListStart = start,
        Text = string.Join("\n", items),
        Lines = items.Select(i => new Line(NoBox, [new Span(SpanType.Text, i, NoBox)])).ToList(),
        ListItemLineStarts = Enumerable.Range(0, items.Count).ToList(),
    };

    /// <summary>The file extension for an image part's content type; null for kinds a Markdown viewer cannot show.</summary>
    public static string? ImageExtension(string contentType) => contentType.ToLowerInvariant() switch
    {
        "image/png" => ".png",
        "image/jpeg" or "image/jpg" => ".jpg",
        "image/gif" => ".gif",
        "image/bmp" => ".bmp",
        "image/tiff" => ".tiff",
        "image/webp" => ".webp",
        "image/svg+xml" => ".svg",
        _ => null,
    };
}
