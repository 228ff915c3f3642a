namespace Quarry.Parsing.Readers.Model.PostProcessing;

/// <summary>
/// mineru-vl-utils' post-processing of one page's blocks, in its order and with MinerU's settings (table
/// formula wrapping on, equation blocks merged, lists and page furniture kept):
/// tables OTSL → HTML with formulas as <c>&lt;eq&gt;</c>; image-analysis answers parsed; <c>list_item</c> → <c>text</c>;
/// <c>[Non-Text]</c> placeholders cleaned; equations cleaned; math in text normalised; equation blocks merged;
/// every equation wrapped <c>\[\n…\n\]</c>; <c>equation_block</c> containers dropped.
/// A failing step behaves as in mineru-vl-utils: a table, equation or text that fails keeps its content; a
/// failure while merging equation blocks returns the page's blocks with the edits made so far. Never throws on
/// model output.
/// </summary>
public static class ModelPostProcessor
{
    public static IReadOnlyList<ModelOutputBlock> Process(IReadOnlyList<ModelOutputBlock> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        var original = blocks.Select(PageBlock.From).ToList();
        try
        {
            return Run(original).Select(b => b.ToOutput()).ToList();
        }
        catch (InvalidOperationException)
        {
            return original.Select(b => b.ToOutput()).ToList();
        }
    }

    private static List<PageBlock> Run(List<PageBlock> blocks)
    {
        foreach (var block in blocks)
        {
            if (block.Type == "table" && block.HasContent)
            {
                block.Content = TableFormulaWrapper.Wrap(TableToHtml(block.Content!));
            }
            if (block.Type is "image" or "chart" && block.HasContent)
            {
                ImageAnalysisOutput.Apply(block);
            }
        }
        foreach (var block in blocks)
        {
            if (block.Type == "list_item")
            {
                block.Type = "text";
            }
        }

        blocks = NonTextPlaceholder.Clean(blocks);

        foreach (var block in blocks)
        {
            if (block.Type == "equation" && block.HasContent)
            {
                block.Content = EquationCleaner.Clean(block.Content!);
            }
            else if (block.Type == "text" && block.HasContent)
            {
                block.Content = TextMathCleaner.Clean(block.Content!);
            }
        }

        blocks = EquationBlockMerger.Merge(blocks);

        foreach (var block in blocks)
        {
            if (block.Type == "equation" && block.HasContent)
            {
                block.Content = EquationCleaner.WrapDisplay(block.Content!);
            }
        }
        return [.. blocks.Where(b => b.Type != "equation_block")];
    }

    /// <summary>OTSL to HTML; an answer the converter cannot walk stays as the model gave it (as in VLU).</summary>
    private static string TableToHtml(string content)
    {
        try
        {
            return OtslTableConverter.ToHtml(content);
        }
        catch (ArgumentOutOfRangeException)
        {
            return content;
        }
    }
}
