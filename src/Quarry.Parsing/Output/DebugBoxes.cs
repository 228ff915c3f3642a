using Quarry.Core.Model;
using Quarry.Core.Writers;

namespace Quarry.Parsing.Output;

/// <summary>
/// What MinerU's <c>_layout.pdf</c> draws for a block, in its drawing order (later kinds paint over earlier ones).
/// All are filled except <see cref="ListItem"/>.
/// </summary>
public enum LayoutKind
{
    CodeBody,
    CodeCaption,
    CodeFootnote,
    Discarded,
    TableBody,
    TableCaption,
    TableFootnote,
    ImageBody,
    ImageCaption,
    ImageFootnote,
    Title,
    Text,
    Equation,
    List,
    ListItem,
}

/// <summary>What MinerU's <c>_span.pdf</c> outlines for a span, in its drawing order.</summary>
public enum SpanKind
{
    Text,
    InlineEquation,
    InterlineEquation,
    Image,
    Table,
    Discarded,
}

/// <summary>One box to draw; <see cref="Number"/> is the 1-based label MinerU prints beside a layout block (0 = none).</summary>
public readonly record struct DebugBox<TKind>(TKind Kind, BoundingBox Box, int Number = 0);

/// <summary>
/// The boxes of MinerU's debugging PDFs for one page, taken from the same blocks and sub-blocks that
/// <c>preproc_blocks</c> / <c>discarded_blocks</c> of <c>middle.json</c> hold (a visual block is its body, captions
/// and footnotes, in <see cref="MiddleJsonWriter"/>'s order), so the pictures show what the JSON says.
/// </summary>
public static class DebugBoxes
{
    /// <summary>
    /// Layout boxes: discarded blocks, every body block (a composite block as its sub-blocks), list items.
    /// Body blocks and sub-blocks are numbered in <c>preproc_blocks</c> order, as MinerU labels them.
    /// </summary>
    public static List<DebugBox<LayoutKind>> Layout(PageResult page)
    {
        var boxes = page.Discarded.Select(b => new DebugBox<LayoutKind>(LayoutKind.Discarded, b.BoundingBox)).ToList();
        var number = 0;
        void Add(LayoutKind kind, BoundingBox box) => boxes.Add(new(kind, box, ++number));
        foreach (var block in page.Blocks)
        {
            switch (block.Type)
            {
                case BlockType.Title:
                    Add(LayoutKind.Title, block.BoundingBox);
                    break;
                case BlockType.Text:
                    Add(LayoutKind.Text, block.BoundingBox);
                    break;
                case BlockType.Equation:
                    Add(LayoutKind.Equation, block.BoundingBox);
                    break;
                case BlockType.List:
                    Add(LayoutKind.List, block.BoundingBox);
                    boxes.AddRange(ListShape.Items(block).Select(item =>
                        new DebugBox<LayoutKind>(LayoutKind.ListItem, BoundingBox.UnionAll(item.Select(l => l.BoundingBox)))));
                    break;
                case BlockType.Image:
                    Add(LayoutKind.ImageBody, block.BoundingBox);
                    Captions(block).ForEach(c => Add(LayoutKind.ImageCaption, c));
                    Footnotes(block).ForEach(f => Add(LayoutKind.ImageFootnote, f));
                    break;
                case BlockType.Table:
                    Captions(block).ForEach(c => Add(LayoutKind.TableCaption, c));
                    Add(LayoutKind.TableBody, block.BoundingBox);
                    Footnotes(block).ForEach(f => Add(LayoutKind.TableFootnote, f));
                    break;
                case BlockType.Code:
                    Captions(block).ForEach(c => Add(LayoutKind.CodeCaption, c));
                    Add(LayoutKind.CodeBody, block.BoundingBox);
                    Footnotes(block).ForEach(f => Add(LayoutKind.CodeFootnote, f));
                    break;
                default:
                    break; // furniture lives in Discarded
            }
        }
        return boxes;
    }

    /// <summary>Span boxes: every span of the body blocks (a visual block's body is one span of its kind), and the discarded blocks' spans.</summary>
    public static List<DebugBox<SpanKind>> Spans(PageResult page)
    {
        var boxes = page.Discarded
            .SelectMany(b => b.Lines).SelectMany(l => l.Spans)
            .Select(s => new DebugBox<SpanKind>(SpanKind.Discarded, s.BoundingBox)).ToList();
        void Add(SpanKind kind, BoundingBox box) => boxes.Add(new(kind, box));
        void AddLines(IEnumerable<Line> lines)
        {
            foreach (var span in lines.SelectMany(l => l.Spans))
            {
                Add(span.Type switch
                {
                    SpanType.InlineEquation => SpanKind.InlineEquation,
                    SpanType.InterlineEquation => SpanKind.InterlineEquation,
                    _ => SpanKind.Text,
                }, span.BoundingBox);
            }
        }
        foreach (var block in page.Blocks)
        {
            switch (block.Type)
            {
                case BlockType.Title or BlockType.Text:
                    AddLines(block.Lines);
                    break;
                case BlockType.List:
                    AddLines(ListShape.Items(block).SelectMany(item => item));
                    break;
                case BlockType.Equation:
                    Add(SpanKind.InterlineEquation, block.BoundingBox);
                    break;
                case BlockType.Image or BlockType.Table or BlockType.Code:
                    Add(block.Type switch
                    {
                        BlockType.Image => SpanKind.Image,
                        BlockType.Table => SpanKind.Table,
                        _ => SpanKind.Text, // a code body is a text span
                    }, block.BoundingBox);
                    Captions(block).Concat(Footnotes(block)).ToList().ForEach(box => Add(SpanKind.Text, box));
                    break;
                default:
                    break;
            }
        }
        return boxes;
    }

    // As middle.json writes them: a caption without its own box, and every footnote, take the block's box.
    private static List<BoundingBox> Captions(Block block) =>
        block.Captions.Select((_, i) => i < block.CaptionBoxes.Count ? block.CaptionBoxes[i] : block.BoundingBox).ToList();

    private static List<BoundingBox> Footnotes(Block block) => block.Footnotes.Select(_ => block.BoundingBox).ToList();
}
