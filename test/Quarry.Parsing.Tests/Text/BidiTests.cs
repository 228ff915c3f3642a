using Quarry.Parsing.Tests.Fixtures.Scripts;
using Quarry.Parsing.Text;

namespace Quarry.Parsing.Tests.Text;

/// <summary>Right-to-left lines come out in logical order; numbers and Latin inside keep their own order.</summary>
public class BidiTests
{
    [Theory]
    // visual (as drawn, left to right) -> logical
    [InlineData("םלוע םולש", "שלום עולם")]
    [InlineData("ןחבמ 42 לש PDF", "PDF של 42 מבחן")]
    [InlineData("(PDF) ץבוק", "קובץ (PDF)")]
    [InlineData("2024 םאע", "עאם 2024")]
    [InlineData("see םולש here", "see שלום here")]
    [InlineData("no right-to-left text", "no right-to-left text")]
    public void Visual_line_is_put_in_logical_order(string visual, string logical) =>
        Assert.Equal(logical, Bidi.VisualToLogical(visual));

    [Fact]
    public void Arabic_digits_inside_arabic_keep_their_order() =>
        // visual: "٢٠٢٤ ماع" drawn left to right; logically "عام ٢٠٢٤"
        Assert.Equal("عام ٢٠٢٤", Bidi.VisualToLogical("٢٠٢٤ ماع"));

    [Fact]
    public void Arabic_document_reads_in_logical_order_with_base_letters() =>
        Assert.Equal("اللغة العربية جميلة في عام 2024 مع Quarry 2 الجديد. لا إله إلا الله", ScriptFixtures.Markdown("rtl-arabic"));

    [Fact]
    public void Hebrew_document_reads_in_logical_order() =>
        Assert.Equal("שלום עולם זה מבחן 42 של PDF בעברית.", ScriptFixtures.Markdown("rtl-hebrew"));
}
