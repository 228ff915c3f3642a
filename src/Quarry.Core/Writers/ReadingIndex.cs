using Quarry.Core.Model;

namespace Quarry.Core.Writers;

/// <summary>
/// MinerU's <c>index</c>: one reading-order sequence per page. Body blocks come first in reading order, then
/// the page's furniture; a visual block's caption/body/footnote sub-blocks take one number each (the block
/// itself shares its body's), so every numbered thing on the page has its own.
/// </summary>
internal sealed class ReadingIndex
{
    private readonly Dictionary<Block, int> _first = new(ReferenceEqualityComparer.Instance);

    public static ReadingIndex Of(PageResult page)
    {
        var order = new ReadingIndex();
        var next = 0;
        foreach (var block in page.Blocks.Concat(page.Discarded))
        {
            order._first[block] = next;
            next += Numbers(block);
        }
        return order;
    }

    /// <summary>The first number of the block's range (its own index for a non-visual block).</summary>
    public int First(Block block) => _first[block];

    private static int Numbers(Block block) => block.Type is BlockType.Image or BlockType.Table or BlockType.Code
        ? block.Captions.Count + 1 + block.Footnotes.Count
        : 1;
}
