using Quarry.Core.Model;
using Quarry.Parsing.Readers;
using Quarry.Parsing.Text;

namespace Quarry.Parsing.Layout.Equations;

/// <summary>
/// The line grouper joins a display formula's lines (numerator, main line, denominator) to the paragraph
/// above or below it, as they sit at paragraph spacing. Lines whose letters are mostly drawn in math fonts
/// are cut out of such a block into an equation block of their own; lines of only digits and symbols go
/// with the formula lines they touch (a denominator "2").
/// </summary>
internal static class DisplayLines
{
    private enum Kind { Prose, Math, Neutral }

    public static void Split(List<Block> blocks, GlyphIndex index)
    {
        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            if (block.Type != BlockType.Text || block.Lines.Count < 2 || !index.AnyIn(MathBlocks.Pad(block.BoundingBox, 2), MathBlocks.IsEvidence))
            {
                continue;
            }
            var indent = block.BoundingBox.X0 + 2 * Math.Max(block.FontSize, 6);
            var kinds = block.Lines.Select(l => Classify(index.In(l.BoundingBox), l.BoundingBox.X0 >= indent && !MathBlocks.IsWordy(l.Text))).ToArray();
            if (!kinds.Contains(Kind.Math) || !kinds.Contains(Kind.Prose))
            {
                continue; // all prose, or all formula: the display test decides the latter as before
            }
            Settle(kinds);
            var pieces = new List<Block>();
            var start = 0;
            for (var k = 1; k <= kinds.Length; k++)
            {
                if (k == kinds.Length || kinds[k] != kinds[start])
                {
                    pieces.Add(Piece(block, start, k, kinds[start] == Kind.Math));
                    start = k;
                }
            }
            blocks.RemoveAt(i);
            blocks.InsertRange(i, pieces);
            i += pieces.Count - 1;
        }
    }

    // A line of digits and symbols only takes the kind of a formula line beside it, else stays prose.
    private static void Settle(Kind[] kinds)
    {
        for (var pass = 0; pass < 2; pass++)
        {
            for (var k = 0; k < kinds.Length; k++)
            {
                if (kinds[k] == Kind.Neutral && ((k > 0 && kinds[k - 1] == Kind.Math) || (k + 1 < kinds.Length && kinds[k + 1] == Kind.Math)))
                {
                    kinds[k] = Kind.Math;
                }
            }
        }
        for (var k = 0; k < kinds.Length; k++)
        {
            if (kinds[k] == Kind.Neutral)
            {
                kinds[k] = Kind.Prose;
            }
        }
    }

    // A display is set apart from the margin (centred or indented); a prose line dense with inline math is not.
    private static Kind Classify(List<Glyph> glyphs, bool indented)
    {
        var math = glyphs.Count(MathBlocks.IsEvidence);
        var prose = MathBlocks.ProseLetters(glyphs);
        if (math == 0)
        {
            return prose == 0 && indented && glyphs.Count > 0 && glyphs.Count <= 12 ? Kind.Neutral : Kind.Prose;
        }
        return math >= prose && indented ? Kind.Math : Kind.Prose;
    }

    private static Block Piece(Block block, int from, int to, bool math)
    {
        var lines = block.Lines.Skip(from).Take(to - from).ToList();
        return new Block
        {
            Type = math ? BlockType.Equation : BlockType.Text,
            BoundingBox = BoundingBox.UnionAll(lines.Select(l => l.BoundingBox)),
            Lines = lines,
            Text = math ? string.Join(' ', lines.Select(l => l.Text)) : TextNormalizer.JoinLines(lines.Select(l => l.Text)),
            FontSize = block.FontSize,
            IsBold = block.IsBold,
            Level = block.Level,
        };
    }
}
