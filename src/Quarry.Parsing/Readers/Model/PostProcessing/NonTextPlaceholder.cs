namespace Quarry.Parsing.Readers.Model.PostProcessing;

/// <summary>
/// Pro 2605 models answer <c>[Non-Text]</c> for a region with nothing to read. Headers and footers keep their
/// box with empty content; figures, tables, equations and containers are kept as they are; anything else is dropped.
/// </summary>
internal static class NonTextPlaceholder
{
    private const string Placeholder = "[Non-Text]";

    private static readonly HashSet<string> KeepEmptied = ["header", "footer"];

    private static readonly HashSet<string> Protected = ["image", "chart", "table", "equation", "list", "image_block", "equation_block"];

    public static List<PageBlock> Clean(List<PageBlock> blocks)
    {
        var kept = new List<PageBlock>(blocks.Count);
        foreach (var block in blocks)
        {
            if (block.Content is null || PyText.Strip(block.Content) != Placeholder)
            {
                kept.Add(block);
            }
            else if (KeepEmptied.Contains(block.Type))
            {
                block.Content = "";
                kept.Add(block);
            }
            else if (Protected.Contains(block.Type))
            {
                kept.Add(block);
            }
        }
        return kept;
    }
}
