using Quarry.Core.Model;
using Quarry.Parsing.Readers;
using Quarry.Parsing.Readers.Model;

namespace Quarry.Parsing.Pipeline.ModelPages;

/// <summary>
/// <c>hybrid</c> effort <c>medium</c> on a trusted page: the text layer keeps the page's text and reading
/// order; only the blocks it reads badly go to the model as regions: tables (cells from rules and gaps),
/// display equations (glyphs, not LaTeX) and figures with text drawn in them.
/// </summary>
internal static class HybridRegions
{
    /// <summary>The page's blocks the model should read, in page order.</summary>
    public static List<Block> Select(PageResult page, PageContent content) =>
        page.Blocks.Where(b => b.Type is BlockType.Table or BlockType.Equation
            || (b.Type == BlockType.Image && ModelPageContent.Inside(content.Words, b.BoundingBox).Count > 0)).ToList();

    public static IReadOnlyList<ModelRegion> Regions(IEnumerable<Block> blocks) =>
        blocks.Select(b => new ModelRegion(b.Type, b.BoundingBox)).ToList();

    /// <summary>
    /// Puts the model's reading of each region in place of the text layer's block (its captions and image
    /// kept); a region the model could not read (an unread block with the region's box) keeps the text
    /// layer's block and degrades the page.
    /// </summary>
    public static void Apply(PageResult page, List<Block> selected, ModelPageResult result)
    {
        var answers = new Queue<Block>(result.Blocks);
        foreach (var block in selected)
        {
            var reason = result.Unread.FirstOrDefault(u => u.Block.BoundingBox == block.BoundingBox)?.Reason;
            if (reason is not null || !answers.TryDequeue(out var read))
            {
                page.Degrade(reason ?? "the model returned fewer regions than asked; the text layer's reading is kept");
                continue;
            }
            read.ImageName ??= block.ImageName;
            read.Captions.AddRange(block.Captions);
            read.CaptionBoxes.AddRange(block.CaptionBoxes);
            read.Footnotes.AddRange(block.Footnotes);
            page.Blocks[page.Blocks.IndexOf(block)] = read;
        }
    }
}
