namespace Quarry.Parsing.Readers.Model.PostProcessing;

/// <summary>
/// mineru-vl-utils' post-processing of one page's blocks, in its order (OTSL tables to HTML, equation
/// clean-up, text, equation blocks, captions). Placeholder until the post-processing lands: blocks pass through.
/// </summary>
public static class ModelPostProcessor
{
    public static IReadOnlyList<ModelOutputBlock> Process(IReadOnlyList<ModelOutputBlock> blocks) => blocks;
}
