using Quarry.Core.Model;
using Quarry.Core.Writers;
using Quarry.Parsing.Pipeline;
using Quarry.Tests.Shared;

namespace Quarry.Parsing.Tests.Layout.Equations;

/// <summary>
/// Equations rebuilt from glyph geometry on pdflatex output (display.tex / inline.tex beside this file):
/// scripts from baseline offsets, fractions and radicals from their bars, limits of big operators,
/// \mathbb/\mathcal from their fonts, tags from equation numbers, inline $…$ only where math fonts are used.
/// </summary>
public class MathBlocksTests
{
    private static ParsedDocument Parse(string name)
    {
        var path = Path.Combine(RepoPaths.Root, "test", "Quarry.Parsing.Tests", "Layout", "Equations", name);
        return DocumentParser.Parse(File.ReadAllBytes(path), Path.GetFileNameWithoutExtension(name), "txt", new ParseOptions());
    }

    [Fact]
    public void Display_equations_come_out_as_latex()
    {
        var equations = Parse("display.pdf").BodyBlocks.Where(b => b.Type == BlockType.Equation).Select(b => b.Text).ToList();
        Assert.Equal(
        [
            @"a_{i}^{2} + b_{j} \leq \gamma",
            @"\sum_{k=1}^{n} x_{k} = \frac{a + b}{2} \tag{1}",
            @"r = \sqrt{x^{2} + y^{2}} \in \mathbb{R}",
        ], equations);
    }

    [Fact]
    public void Inline_math_becomes_dollar_spans_and_italic_prose_does_not()
    {
        var doc = Parse("inline.pdf");
        var md = MarkdownWriter.Write(doc);
        Assert.Contains(@"Let $x_{i} \in \mathbb{R}$ be the inputs", md, StringComparison.Ordinal);
        Assert.Contains(@"loss is $\mathcal{L}(\theta)$ for", md, StringComparison.Ordinal);
        Assert.Contains("an ordinary italic phrase", md, StringComparison.Ordinal);
        var spans = doc.BodyBlocks.SelectMany(b => b.Lines).SelectMany(l => l.Spans).Where(s => s.Type == SpanType.InlineEquation).Select(s => s.Content);
        Assert.Equal([@"x_{i} \in \mathbb{R}", @"\mathcal{L}(\theta)"], spans);
    }
}
