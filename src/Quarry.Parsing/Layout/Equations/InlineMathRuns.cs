using System.Text;
using Quarry.Core.Model;
using Quarry.Parsing.Readers;
using Quarry.Parsing.Text;

namespace Quarry.Parsing.Layout.Equations;

/// <summary>
/// In a paragraph, a run of words where at least one is drawn in a math font and the others are symbols,
/// digits or math-font words becomes an inline equation: <c>$latex$</c> in the text and an inline-equation
/// span in its line, as the model engine's inline formulas are carried.
/// </summary>
internal static class InlineMathRuns
{
    public static Block? Rewrite(Block block, IReadOnlyList<Word> pageWords, GlyphIndex index, IReadOnlyList<BoundingBox> bars)
    {
        var text = block.Text;
        var cursor = 0;
        var lines = new List<Line>(block.Lines.Count);
        var changed = false;
        // The block's words once, then each line's from those: a pass over the page per line was quadratic.
        var blockWords = pageWords.Where(w => block.BoundingBox.Contains(w.Box, 1)).ToList();
        foreach (var line in block.Lines)
        {
            if (!index.AnyIn(MathBlocks.Pad(line.BoundingBox, 1), MathBlocks.IsEvidence))
            {
                lines.Add(line); // no formula glyph on this line: its words are not looked at
                continue;
            }
            var words = blockWords.Where(w => line.BoundingBox.Contains(w.Box, 1)).OrderBy(w => w.Box.X0).ToList();
            var spans = new List<Span>();
            var prose = new List<Word>();
            var i = 0;
            while (i < words.Count)
            {
                var run = Run(words, i, index);
                if (run == 0)
                {
                    prose.Add(words[i++]);
                    continue;
                }
                var runWords = words.GetRange(i, run);
                i += run;
                var box = BoundingBox.UnionAll(runWords.Select(w => w.Box));
                var latex = MathBuilder.Build(index.In(box), bars.Where(b => MathBlocks.Pad(box, 1).Contains(b)).ToList());
                var flat = string.Join(' ', runWords.Select(w => w.Text));
                var at = text.IndexOf(flat, cursor, StringComparison.Ordinal);
                if (latex.Length == 0 || at < 0)
                {
                    prose.AddRange(runWords);
                    continue;
                }
                text = text[..at] + "$" + latex + "$" + text[(at + flat.Length)..];
                cursor = at + latex.Length + 2;
                Flush(prose, spans);
                spans.Add(new Span(SpanType.InlineEquation, latex, box));
                changed = true;
            }
            Flush(prose, spans);
            lines.Add(spans.Count == 0 ? line : new Line(line.BoundingBox, spans));
        }
        if (!changed)
        {
            return null;
        }
        return new Block
        {
            Type = block.Type,
            BoundingBox = block.BoundingBox,
            Lines = lines,
            Text = text,
            FontSize = block.FontSize,
            IsBold = block.IsBold,
            Level = block.Level,
        };
    }

    /// <summary>How many words from <paramref name="start"/> form a formula: math-font or symbol words, at least one in a math font.</summary>
    private static int Run(List<Word> words, int start, GlyphIndex index)
    {
        var n = 0;
        var evidence = false;
        var lastEvidence = 0;
        while (start + n < words.Count)
        {
            var w = words[start + n];
            var glyphs = index.In(w.Box);
            var math = glyphs.Exists(MathBlocks.IsEvidence)
                && !glyphs.Exists(g => !MathBlocks.IsEvidence(g) && char.IsLetter(g.Text[0]) && !IsFunctionLetter(glyphs, g));
            if (math)
            {
                evidence = true;
                n++;
                lastEvidence = n;
            }
            else if (IsSymbolic(w.Text) || IsBoldSymbol(w, glyphs) || MathBuilder.IsFunctionWord(glyphs))
            {
                n++;
            }
            else
            {
                break;
            }
        }
        // Trailing symbols belong to the formula only when followed by nothing mathematical is not known: keep digits and closers.
        return evidence ? Math.Max(lastEvidence, TrimTail(words, start, n)) : 0;
    }

    private static int TrimTail(List<Word> words, int start, int n)
    {
        while (n > 0 && words[start + n - 1].Text is "," or "." or ";" or ":" or "(" or "[")
        {
            n--;
        }
        return n;
    }

    // Upright letters inside a math-font word are function names or units ("log", "d" in dx): allowed in a run.
    private static bool IsFunctionLetter(List<Glyph> glyphs, Glyph g) => glyphs.Count(IsLetterGlyph) > 1 && glyphs.Count(MathBlocks.IsEvidence) >= 1;

    private static bool IsLetterGlyph(Glyph g) => g.Text.Length == 1 && char.IsLetter(g.Text[0]);

    // A short bold word (a vector "v", a matrix "A") joins a formula it touches; on its own it is no evidence.
    private static bool IsBoldSymbol(Word w, List<Glyph> glyphs) =>
        w.Text.Length <= 3 && glyphs.Count > 0 && glyphs.TrueForAll(g => MathFonts.Alphabet(g.Font) == MathAlphabet.Bold || !char.IsLetter(g.Text[0]));

    private static bool IsSymbolic(string text) => text.All(c => char.IsDigit(c) || "=+-−<>()[]|/*·×±≤≥≈∼'′!".Contains(c));

    private static void Flush(List<Word> prose, List<Span> spans)
    {
        if (prose.Count == 0)
        {
            return;
        }
        var box = BoundingBox.UnionAll(prose.Select(w => w.Box));
        spans.Add(new Span(SpanType.Text, TextNormalizer.FoldSpaces(string.Join(' ', prose.Select(w => w.Text))), box));
        prose.Clear();
    }
}
