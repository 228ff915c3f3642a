namespace Quarry.Parsing.Readers.Model.Vlm;

/// <summary>
/// Which layout blocks get a content request (mineru-vl-utils' prepare_for_extract). Containers (list,
/// equation_block, image_block) never do; image and chart only under image analysis, which Quarry leaves
/// off (MinerU's library default; the MinerU CLI turns it on): figures are cropped, not described.
/// </summary>
internal static class ContentSelection
{
    private static readonly HashSet<string> NotSent = new(StringComparer.Ordinal) { "list", "equation_block", "image_block", "image", "chart" };

    /// <summary>Image captions lying inside a figure are part of the figure, not blocks of their own.</summary>
    public static List<ModelOutputBlock> DropCaptionsInsideFigures(List<ModelOutputBlock> blocks) =>
        LayoutOutputParser.RemoveCovered(blocks, ["image_caption"], ["image", "chart", "image_block"]);

    public static bool IsSent(string type) => !NotSent.Contains(type);
}
