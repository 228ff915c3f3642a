using Quarry.Core.Model;

namespace Quarry.Core.Writers;

/// <summary>The type names MinerU uses for each block type in its three JSON files.</summary>
internal static class MinerUNames
{
    public static string ContentList(BlockType type) => type switch
    {
        BlockType.Title or BlockType.Text => "text",
        BlockType.List => "list",
        BlockType.Code => "code",
        BlockType.Equation => "equation",
        BlockType.Image => "image",
        BlockType.Table => "table",
        _ => Furniture(type),
    };

    public static string ContentListV2(BlockType type) => type switch
    {
        BlockType.Title => "title",
        BlockType.Text => "paragraph",
        BlockType.List => "list",
        BlockType.Code => "code",
        BlockType.Equation => "equation_interline",
        BlockType.Image => "image",
        BlockType.Table => "table",
        _ => "page_" + Furniture(type).Replace("page_", "", StringComparison.Ordinal),
    };

    public static string Middle(BlockType type) => type switch
    {
        BlockType.Title => "title",
        BlockType.Text => "text",
        BlockType.List => "list",
        BlockType.Code => "code",
        BlockType.Equation => "interline_equation",
        BlockType.Image => "image",
        BlockType.Table => "table",
        _ => Furniture(type),
    };

    public static string Furniture(BlockType type) => type switch
    {
        BlockType.Header => "header",
        BlockType.Footer => "footer",
        BlockType.PageNumber => "page_number",
        BlockType.AsideText => "aside_text",
        BlockType.PageFootnote => "page_footnote",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not furniture"),
    };

    public static string ImagePath(string? name) => name is null ? "" : "images/" + name;

    /// <summary>A code block's language as MinerU writes it (<c>guess_lang</c>, <c>code_language</c>): <c>txt</c> when unknown.</summary>
    public static string CodeLanguage(Block block) => block.CodeLanguage is { Length: > 0 } lang ? lang : "txt";

    /// <summary>A code body fenced as MinerU fences it, in Markdown and in <c>code_body</c>: language after the fence, lines right-trimmed.</summary>
    public static string FencedCode(Block block) =>
        "```" + CodeLanguage(block) + "\n" + string.Join('\n', block.Text.Split('\n').Select(l => l.TrimEnd())) + "\n```";
}
