using Quarry.Parsing.Layout.Equations;

namespace Quarry.Parsing.Tests.Layout.Equations;

/// <summary>Rebuilt LaTeX reads like hand-written LaTeX: operators spaced, ordinary atoms and scripts flush.</summary>
public class LatexTextTests
{
    [Theory]
    [InlineData(false, new[] { "-", "b", @"\pm", @"\sqrt{b^{2} - 4ac}" }, @"-b \pm \sqrt{b^{2} - 4ac}")]
    [InlineData(false, new[] { "2", "a", "c", "=", @"\alpha", "x" }, @"2ac = \alpha x")]
    [InlineData(false, new[] { "f", "(", "x", ",", "y", ")", "=", "0" }, "f(x, y) = 0")]
    [InlineData(false, new[] { @"\sum_{k=1}^{n}", "x_{k}", @"\leq", "1" }, @"\sum_{k=1}^{n} x_{k} \leq 1")]
    [InlineData(true, new[] { "k", "=", "1" }, "k=1")]
    [InlineData(true, new[] { "n", @"\to", @"\infty" }, @"n\to\infty")]
    [InlineData(true, new[] { @"\alpha", "i" }, @"\alpha i")]
    public void Joins_tokens_as_written_by_hand(bool inScript, string[] tokens, string expected) =>
        Assert.Equal(expected, LatexText.Join(tokens, spaced: !inScript));
}
