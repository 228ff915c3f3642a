using System.Text.Json;
using Quarry.Core.Model;
using Quarry.Core.Text;
using Quarry.Core.Writers;

namespace Quarry.Core.Tests.Text;

public sealed class InlineMathTests
{
    /// <summary>A paragraph as the model reader builds it: "$…$" in the text and inline-equation spans.</summary>
    private static Block Paragraph()
    {
        var box = new BoundingBox(0, 0, 100, 10);
        return new Block
        {
            Type = BlockType.Text,
            BoundingBox = box,
            Text = "Cost $5 is $E_{k}=mc^2$ for *all* $x$.",
            Lines = [new Line(box, [
                new Span(SpanType.Text, "Cost $5 is ", box),
                new Span(SpanType.InlineEquation, "E_{k}=mc^2", box),
                new Span(SpanType.Text, " for *all* ", box),
                new Span(SpanType.InlineEquation, "x", box),
                new Span(SpanType.Text, ".", box)])],
        };
    }

    [Fact]
    public void Markdown_keeps_formulas_and_escapes_only_the_prose() =>
        Assert.Equal(@"Cost \$5 is $E_{k}=mc^2$ for \*all\* $x$.", MarkdownWriter.Render(Paragraph()));

    [Fact]
    public void A_block_without_formulas_is_escaped_whole() =>
        Assert.Equal(@"\$5 \_x\_", MarkdownWriter.Render(new Block { Type = BlockType.Text, BoundingBox = default, Text = "$5 _x_" }));

    [Fact]
    public void Content_list_v2_lists_formulas_as_equation_inline_spans()
    {
        var document = new ParsedDocument
        {
            Basename = "d",
            Pages = [new PageResult { PageIndex = 0, Width = 100, Height = 100, Blocks = [Paragraph()] }],
        };
        using var json = JsonDocument.Parse(ContentListV2Writer.Write(document));
        var spans = json.RootElement[0][0].GetProperty("content").GetProperty("paragraph_content").EnumerateArray()
            .Select(s => (s.GetProperty("type").GetString(), s.GetProperty("content").GetString())).ToList();
        Assert.Equal([("text", "Cost $5 is "), ("equation_inline", "E_{k}=mc^2"), ("text", " for *all* "), ("equation_inline", "x"), ("text", ".")], spans);
    }
}
