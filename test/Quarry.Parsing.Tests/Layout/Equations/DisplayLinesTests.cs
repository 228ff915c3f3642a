using Quarry.Core.Model;
using Quarry.Core.Writers;
using Quarry.Parsing.Pipeline;
using Quarry.Tests.Shared;

namespace Quarry.Parsing.Tests.Layout.Equations;

/// <summary>
/// Displays set right after a paragraph (no blank line in the source) are grouped with it by the line
/// grouper; structures.tex (beside this file) checks they are cut out and rebuilt whole: fractions,
/// a radical under a fraction bar, lim with its limit beneath, and inline bold vectors, log and ↦.
/// </summary>
public class DisplayLinesTests
{
    private static ParsedDocument Parse() =>
        DocumentParser.Parse(
            File.ReadAllBytes(Path.Combine(RepoPaths.Root, "test", "Quarry.Parsing.Tests", "Layout", "Equations", "structures.pdf")),
            "structures", "txt", new ParseOptions());

    [Fact]
    public void Displays_glued_to_paragraphs_become_whole_equations()
    {
        var doc = Parse();
        var equations = doc.BodyBlocks.Where(b => b.Type == BlockType.Equation).Select(b => b.Text).ToList();
        Assert.Equal(
        [
            @"k = \frac{v}{z} \cdot \frac{v + z}{2}",
            @"x = \frac{-b \pm \sqrt{b^{2} - 4ac}}{2a}",
            @"\lim_{n\to\infty} x_{n} = y",
        ], equations);
        // The prose around them stays prose, in order.
        var text = doc.BodyBlocks.Where(b => b.Type == BlockType.Text).Select(b => b.Text).ToList();
        Assert.Equal(7, text.Count);
        Assert.All(text.Skip(1).Take(3), t => Assert.EndsWith("and on.", t, StringComparison.Ordinal));
    }

    [Fact]
    public void Bold_vectors_function_names_and_mapsto_stay_inside_inline_math()
    {
        var md = MarkdownWriter.Write(Parse());
        Assert.Contains(@"when $\mathbf{v} \cdot \mathbf{w} = 0$ holds", md, StringComparison.Ordinal);
        Assert.Contains(@"costs $\mathcal{O}(n \log n)$ steps", md, StringComparison.Ordinal);
        Assert.Contains(@"sends $x \mapsto y$ in", md, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sentence_full_of_formulas_and_its_formula_last_line_stay_prose()
    {
        var doc = Parse();
        var md = MarkdownWriter.Write(doc);
        Assert.Contains(@"For $p, q \in P$ and $n \in \omega$ we write $(q, n) \leq (p, n)$ if", md, StringComparison.Ordinal);
        Assert.DoesNotContain(doc.BodyBlocks, b => b.Type == BlockType.Equation && b.Text.Contains("A_{q,n}", StringComparison.Ordinal));
    }
}
