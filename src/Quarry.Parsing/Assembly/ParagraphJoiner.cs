using Quarry.Core.Model;
using Quarry.Core.Text;

namespace Quarry.Parsing.Assembly;

/// <summary>
/// Joins a paragraph broken by a column or page end: a text block that does not end a sentence, followed
/// in reading order by a text block that starts in lowercase (or after a break hyphen), is one paragraph.
/// The first block takes the merged text and the continuation (its lines follow the first block's in
/// <c>para_blocks</c>, as MinerU moves them); the second is kept for its position but marked merged.
/// </summary>
public static class ParagraphJoiner
{
    public static void Apply(IReadOnlyList<PageResult> pages)
    {
        Block? open = null;
        foreach (var page in pages)
        {
            foreach (var block in page.Blocks)
            {
                if (block.Type != BlockType.Text)
                {
                    // Figures and tables float: a paragraph may continue after them. An equation is in the flow.
                    if (block.Type is not (BlockType.Image or BlockType.Table))
                    {
                        open = null;
                    }
                    continue;
                }
                if (open is not null && Continuation.Continues(open.DocumentText, block.Text))
                {
                    open.MergedText = Continuation.Join(open.DocumentText, block.Text);
                    open.Continuations.Add(block);
                    block.ContinuesPrevious = true;
                    block.MergedIntoPrevious = true;
                    continue;
                }
                open = block;
            }
        }
    }
}
