using Quarry.Parsing.Text;

namespace Quarry.Parsing.Tests.Text;

public class TextNormalizerTests
{
    [Theory]
    [InlineData(new[] { "an exam-", "ple of it" }, "an example of it")]
    [InlineData(new[] { "the non-", "exclusive licence" }, "the non-exclusive licence")]
    [InlineData(new[] { "ends with a dash -", "next" }, "ends with a dash - next")]
    [InlineData(new[] { "Capital break-", "Next" }, "Capital break- Next")]
    [InlineData(new[] { "  spaced  ", "", "lines " }, "spaced lines")]
    public void Joins_wrapped_lines(string[] lines, string expected) =>
        Assert.Equal(expected, TextNormalizer.JoinLines(lines));

    [Theory]
    [InlineData("\uFB01", "fi")]
    [InlineData("\uFB03", "ffi")]
    [InlineData("\u2019", "'")]
    [InlineData("\u201C", "\"")]
    [InlineData("\u00AD", "")]
    [InlineData("\u00A0", " ")]
    [InlineData("x", "x")]
    public void Normalizes_glyphs(string glyph, string expected) =>
        Assert.Equal(expected, TextNormalizer.Glyph(glyph));

    [Theory]
    [InlineData("（C）2024，Inc．", "(C)2024,Inc.")]
    [InlineData("plain ASCII", "plain ASCII")]
    [InlineData("a\u3000b\u3002", "a b.")]
    public void Folds_full_width_forms(string text, string expected) =>
        Assert.Equal(expected, TextNormalizer.FoldWidth(text));

    [Fact]
    public void Continue_joins_a_paragraph_split_by_a_page() =>
        Assert.Equal("split across pages", Quarry.Core.Text.Continuation.Join("split ac-", "ross pages"));
}
