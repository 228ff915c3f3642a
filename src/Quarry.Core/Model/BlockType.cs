namespace Quarry.Core.Model;

/// <summary>What a block is. The last five are page furniture: kept in JSON, left out of Markdown.</summary>
public enum BlockType
{
    Title,
    Text,
    List,
    Code,
    Equation,
    Image,
    Table,
    Header,
    Footer,
    PageNumber,
    AsideText,
    PageFootnote,
}

public static class BlockTypeExtensions
{
    public static bool IsFurniture(this BlockType type) =>
        type is BlockType.Header or BlockType.Footer or BlockType.PageNumber or BlockType.AsideText or BlockType.PageFootnote;
}
