using System.Text;
using Quarry.Core.Model;
using Quarry.Parsing.Readers;

namespace Quarry.Parsing.Layout.Equations;

/// <summary>
/// Rewrites a page's formulas as LaTeX from its glyphs: display equations (blocks typed Equation, or short
/// blocks mostly drawn in math fonts) get their whole text rebuilt; in paragraphs, runs of words drawn in
/// math fonts become inline <c>$…$</c> spans. Italic text alone is never taken for math: only the fonts
/// formulas use (cmmi, cmsy, cmex, msbm, …) count as evidence. Pages without a math font are left alone.
/// </summary>
public static class MathBlocks
{
    public static void Rebuild(List<Block> blocks, PageContent content)
    {
        if (content.Math is not { } layer || layer.Glyphs.Count == 0)
        {
            EquationParts.Merge(blocks);
            return;
        }
        var index = new GlyphIndex(layer.Glyphs);
        DisplayLines.Split(blocks, index);
        EquationParts.Merge(blocks);
        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            if (block.Type is not (BlockType.Equation or BlockType.Text))
            {
                continue;
            }
            if (!index.AnyIn(Pad(block.BoundingBox, 2), IsEvidence))
            {
                continue; // most blocks of a math page hold no formula: asked without collecting their glyphs
            }
            var inside = index.In(Pad(block.BoundingBox, 2));
            if (block.Type == BlockType.Equation && (IsWordy(block.Text) || ContinuesSentence(block, blocks)))
            {
                block.Type = BlockType.Text; // a sentence full of formulas the classifier took for a display
            }
            if (block.Type == BlockType.Equation || (IsDisplay(block, inside) && !ContinuesSentence(block, blocks)))
            {
                var bars = layer.Bars.Where(b => Pad(block.BoundingBox, 2).Contains(b)).ToList();
                var latex = MathBuilder.Build(inside, bars);
                if (latex.Length > 0)
                {
                    block.Type = BlockType.Equation;
                    block.Text = latex;
                }
                continue;
            }
            blocks[i] = InlineMathRuns.Rewrite(block, content.Words, index, layer.Bars) ?? block;
        }
    }

    /// <summary>A glyph a formula draws: in a math font, and not an ornament text borrows from one (⟨file⟩, •).</summary>
    internal static bool IsEvidence(Glyph g) => MathFonts.IsMath(MathFonts.Alphabet(g.Font)) && !TextOrnaments.Contains(g.Text);

    /// <summary>
    /// Letters of running text among the glyphs: letters not in a math font. Bold letters count only where they
    /// spell a word ("Notation."); a lone bold letter is a vector or matrix (\mathbf{v}).
    /// </summary>
    internal static int ProseLetters(List<Glyph> glyphs)
    {
        var count = 0;
        List<Glyph>? bold = null;
        foreach (var g in glyphs)
        {
            if (g.Text.Length != 1 || !char.IsLetter(g.Text[0]))
            {
                continue;
            }
            var alphabet = MathFonts.Alphabet(g.Font);
            if (alphabet == MathAlphabet.Text)
            {
                count++;
            }
            else if (alphabet == MathAlphabet.Bold)
            {
                (bold ??= []).Add(g);
            }
        }
        if (bold is null)
        {
            return count;
        }
        bold.Sort((a, b) => a.Box.X0.CompareTo(b.Box.X0));
        for (var i = 0; i < bold.Count; i++)
        {
            bool Touches(int j) => j >= 0 && j < bold.Count && Math.Abs(bold[j].Baseline - bold[i].Baseline) < 0.1 * bold[i].Size
                && Math.Max(bold[j].Box.X0 - bold[i].Box.X1, bold[i].Box.X0 - bold[j].Box.X1) < 0.1 * bold[i].Size;
            if (Touches(i - 1) || Touches(i + 1))
            {
                count++;
            }
        }
        return count;
    }

    // A display formula: a few lines whose letters are mostly in math fonts (prose with a formula in it is not).
    private static bool IsDisplay(Block block, List<Glyph> glyphs)
    {
        if (block.Lines.Count > 3)
        {
            return false;
        }
        var math = glyphs.Count(IsEvidence);
        var prose = ProseLetters(glyphs);
        return math >= prose && !Continuation(block.Text) && !IsWordy(block.Text);
    }

    /// <summary>
    /// Three or more plain words ("For", "and", "write") mark a sentence with formulas in it, however many
    /// math glyphs it has; a display carries at most "if" or "otherwise". Function names are not words here.
    /// </summary>
    internal static bool IsWordy(string text)
    {
        var words = 0;
        foreach (var w in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var core = w.TrimEnd('.', ',', ';', ':');
            if (core.Length >= 3 && core.All(char.IsAsciiLetter) && !MathBuilder.IsFunctionName(core) && ++words >= 3)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// A paragraph's last line can be all formula; it still starts at the paragraph's left edge, right under a
    /// line whose sentence is unfinished, where a display would be centred or indented.
    /// </summary>
    private static bool ContinuesSentence(Block block, List<Block> blocks)
    {
        var size = Math.Max(block.FontSize, 6);
        return blocks.Exists(b => b != block && b.Type == BlockType.Text
            && Math.Abs(b.BoundingBox.X0 - block.BoundingBox.X0) <= 1
            && block.BoundingBox.Y0 - b.BoundingBox.Y1 >= -1 && block.BoundingBox.Y0 - b.BoundingBox.Y1 <= 1.5 * size
            && b.Text.Length > 0 && char.IsLetterOrDigit(b.Text[^1]));
    }

    // Words ending a sentence mark prose ("… as shown.") even where formulas fill most of the line.
    private static bool Continuation(string text) => text.Count(c => c == ' ') > 8 && text.TrimEnd().EndsWith('.');

    internal static BoundingBox Pad(BoundingBox b, double d) => new(b.X0 - d, b.Y0 - d, b.X1 + d, b.Y1 + d);
}

/// <summary>A page's glyphs sorted by height on the page, for box queries without a pass over the whole page.</summary>
internal sealed class GlyphIndex
{
    private readonly Glyph[] _glyphs;
    private readonly double[] _centers;

    public GlyphIndex(IReadOnlyList<Glyph> glyphs)
    {
        // Small keys sorted (no per-item delegate), then the glyphs placed once: swapping the glyphs themselves
        // while sorting costs more. The drawing order breaks ties, as a stable sort would.
        var keys = new (double Center, int Order)[glyphs.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = (glyphs[i].Box.CenterY, i);
        }
        Array.Sort(keys);
        _glyphs = new Glyph[keys.Length];
        _centers = new double[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            _glyphs[i] = glyphs[keys[i].Order];
            _centers[i] = keys[i].Center;
        }
    }

    /// <summary>Glyphs whose centre lies inside the box.</summary>
    public List<Glyph> In(BoundingBox box)
    {
        var result = new List<Glyph>();
        for (var i = First(box); i < _glyphs.Length && _centers[i] <= box.Y1; i++)
        {
            var c = _glyphs[i].Box.CenterX;
            if (c >= box.X0 && c <= box.X1)
            {
                result.Add(_glyphs[i]);
            }
        }
        return result;
    }

    /// <summary>Whether a glyph whose centre lies inside the box satisfies <paramref name="test"/>.</summary>
    public bool AnyIn(BoundingBox box, Func<Glyph, bool> test)
    {
        for (var i = First(box); i < _glyphs.Length && _centers[i] <= box.Y1; i++)
        {
            var c = _glyphs[i].Box.CenterX;
            if (c >= box.X0 && c <= box.X1 && test(_glyphs[i]))
            {
                return true;
            }
        }
        return false;
    }

    private int First(BoundingBox box)
    {
        var start = Array.BinarySearch(_centers, box.Y0);
        return start < 0 ? ~start : start;
    }
}
