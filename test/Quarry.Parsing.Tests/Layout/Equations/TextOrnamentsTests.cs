using Quarry.Core.Model;
using Quarry.Core.Writers;
using Quarry.Parsing.Pipeline;
using Quarry.Tests.Shared;

namespace Quarry.Parsing.Tests.Layout.Equations;

/// <summary>
/// Glyphs a math font lends to running text (metavar.tex beside this file: the cmsy angle brackets of
/// ⟨file name⟩ around text italic, a cmsy bullet) are no formula: the words stay text, and a real formula on
/// the same page is still rebuilt.
/// </summary>
public class TextOrnamentsTests
{
    [Fact]
    public void Metavariables_and_bullets_stay_text_beside_a_formula()
    {
        var path = Path.Combine(RepoPaths.Root, "test", "Quarry.Parsing.Tests", "Layout", "Equations", "metavar.pdf");
        var doc = DocumentParser.Parse(File.ReadAllBytes(path), "metavar", "txt", new ParseOptions());
        var md = MarkdownWriter.Write(doc);
        Assert.Contains("Run the program on ⟨file name⟩ with ⟨options⟩ set", md, StringComparison.Ordinal);
        Assert.Contains("⟨output⟩ before the batch", md, StringComparison.Ordinal);
        Assert.Contains("The first item of a list", md, StringComparison.Ordinal);
        var spans = doc.BodyBlocks.SelectMany(b => b.Lines).SelectMany(l => l.Spans).Where(s => s.Type == SpanType.InlineEquation).Select(s => s.Content);
        Assert.Equal([@"x_{i}"], spans);
    }
}
