using Quarry.Core.Model;
using Quarry.Parsing.Layout;
using Quarry.Parsing.Readers;
using Quarry.Parsing.Readers.Model;
using Quarry.Parsing.Text;

namespace Quarry.Parsing.Pipeline.ModelPages;

/// <summary>
/// Turns what the model read on a page into the page content layout passes through: its typed blocks, with
/// the page's own words (the text layer where trusted, else OCR's) used where they are better than nothing
/// or better than the model.
/// </summary>
internal static class ModelPageContent
{
    public const string UnreadFilledReason = "the model could not read some blocks; their text comes from the page's text layer or OCR";

    /// <param name="page">The page as its source gave it: its text layer's words (even untrusted, their sizes and weights rank titles).</param>
    /// <param name="words">What unread blocks are filled from: the trusted text layer, or OCR's words; null when there is neither.</param>
    /// <param name="correctText">Replace the model's text of text-like blocks with the words inside their box (<c>hybrid</c> effort <c>high</c>, trusted pages).</param>
    public static PageContent From(PageContent page, ModelPageResult result, PageContent? words, bool correctText)
    {
        var blocks = new List<Block>(result.Blocks.Count + result.Unread.Count);
        foreach (var block in result.Blocks)
        {
            var inside = words is null ? [] : Inside(words.Words, block.BoundingBox);
            var corrected = correctText && block.Type is BlockType.Text or BlockType.Title && inside.Count > 0 ? Refill(block, inside) : block;
            if (corrected.Type == BlockType.Title)
            {
                Typeset(corrected, Inside(page.Words, block.BoundingBox));
            }
            blocks.Add(corrected);
        }
        var problems = page.Problems.ToList();
        foreach (var unread in result.Unread)
        {
            var inside = words is null ? [] : Inside(words.Words, unread.Block.BoundingBox);
            var filled = unread.Block.Type == BlockType.Image || inside.Count == 0 ? unread.Block : Refill(unread.Block, inside);
            if (filled.Type == BlockType.Title)
            {
                Typeset(filled, Inside(page.Words, filled.BoundingBox));
            }
            blocks.Add(filled);
            problems.Add(inside.Count > 0 ? $"{unread.Reason}; {UnreadFilledReason}" : unread.Reason);
        }
        // Unread blocks join the model's in reading order: by position, as the model orders a page top-down.
        var ordered = result.Unread.Count == 0 ? blocks : blocks.OrderBy(b => b.BoundingBox.Y0).ThenBy(b => b.BoundingBox.X0).ToList();
        return new PageContent
        {
            PageIndex = page.PageIndex,
            Width = page.Width,
            Height = page.Height,
            Words = [],
            Blocks = ordered,
            HasTextLayer = page.HasTextLayer,
            Problems = problems,
            ReadMilliseconds = page.ReadMilliseconds,
        };
    }

    /// <summary>Words whose centre lies in <paramref name="box"/>.</summary>
    public static List<Word> Inside(IReadOnlyList<Word> words, BoundingBox box) =>
        words.Where(w => w.Box.CenterX >= box.X0 && w.Box.CenterX <= box.X1 && w.Box.CenterY >= box.Y0 && w.Box.CenterY <= box.Y1).ToList();

    /// <summary>
    /// Gives a model title the typography of the words under it, so the heading leveller ranks it by size
    /// and boldness as it does text-layer titles (the model gives every title the same label).
    /// </summary>
    private static void Typeset(Block title, List<Word> inside)
    {
        if (inside.Count == 0)
        {
            return; // no text layer: numbering alone decides (HeadingLevels)
        }
        title.FontSize = inside.Max(w => w.FontSize);
        title.IsBold = inside.Count(w => w.IsBold) * 2 > inside.Count;
    }

    /// <summary>The block with the words inside it as its text, line by line (the same lines the plain-text layout makes).</summary>
    private static Block Refill(Block block, List<Word> inside)
    {
        var lines = RowGrouper.Group(inside).Select(r => new TextLine(r)).ToList();
        var refilled = new Block
        {
            Type = block.Type is BlockType.Title or BlockType.Equation or BlockType.Code ? block.Type : BlockType.Text,
            BoundingBox = block.BoundingBox,
            Lines = lines.Select(l => l.ToModel()).ToList(),
            Text = TextNormalizer.FoldSpaces(string.Join(" ", lines.Select(l => l.Text))),
            FontSize = lines.Max(l => l.FontSize),
            Level = block.Level,
        };
        refilled.Captions.AddRange(block.Captions);
        refilled.CaptionBoxes.AddRange(block.CaptionBoxes);
        refilled.Footnotes.AddRange(block.Footnotes);
        return refilled;
    }
}
