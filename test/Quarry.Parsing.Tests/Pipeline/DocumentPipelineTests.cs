using System.Text;
using Quarry.Core.Model;
using Quarry.Core.Output;
using Quarry.Core.Writers;
using Quarry.Parsing.Pipeline;
using Quarry.Parsing.Errors;
using Quarry.Tests.Shared;

namespace Quarry.Parsing.Tests.Pipeline;

public class DocumentPipelineTests
{
    private static readonly byte[] Report = File.ReadAllBytes(RepoPaths.Sample("report.pdf"));

    [Fact]
    public void Page_range_is_zero_based_inclusive_and_page_idx_counts_from_the_first_parsed_page()
    {
        var doc = DocumentParser.Parse(Report, "r", "txt", new ParseOptions { StartPage = 1, EndPage = 1 });
        var page = Assert.Single(doc.Pages);
        Assert.Equal(0, page.PageIndex);
        Assert.Equal(1, doc.StartPage);
        Assert.Equal(2, doc.SourcePageCount);
    }

    [Theory]
    [InlineData(5, -1)]
    [InlineData(-1, 0)]
    [InlineData(1, 0)]
    public void Bad_page_ranges_are_invalid_input(int start, int end)
    {
        var ex = Assert.Throws<ParseException>(() => DocumentParser.Parse(Report, "r", "txt", new ParseOptions { StartPage = start, EndPage = end }));
        Assert.Equal(ErrorCode.InvalidInput, ex.Code);
    }

    [Fact]
    public void Too_many_pages_is_input_too_large()
    {
        var ex = Assert.Throws<ParseException>(() => DocumentParser.Parse(Report, "r", "txt", new ParseOptions { MaxPages = 1 }));
        Assert.Equal(ErrorCode.InputTooLarge, ex.Code);
    }

    [Fact]
    public void Parallel_and_sequential_parses_give_identical_output()
    {
        var corpusDoc = File.ReadAllBytes(Path.Combine(RepoPaths.Corpus("synthetic"), "long-text-7-003", "doc.pdf"));
        var serial = DocumentParser.Parse(corpusDoc, "d", "txt", new ParseOptions { MaxDegreeOfParallelism = 1 });
        var parallel = DocumentParser.Parse(corpusDoc, "d", "txt", new ParseOptions { MaxDegreeOfParallelism = 4 });
        Assert.Equal(Encoding.UTF8.GetString(MiddleJsonWriter.Write(serial)), Encoding.UTF8.GetString(MiddleJsonWriter.Write(parallel)));
    }

    [Fact]
    public void A_page_over_its_budget_degrades_to_plain_text_instead_of_failing()
    {
        var doc = DocumentParser.Parse(Report, "r", "txt", new ParseOptions { PageBudget = TimeSpan.FromTicks(1) });
        Assert.All(doc.Pages, p => Assert.True(p.Degraded));
        var md = MarkdownWriter.Write(doc);
        Assert.Contains("Quarry turns born-digital documents", md, StringComparison.Ordinal);
        Assert.Contains("\"degraded\": true", Encoding.UTF8.GetString(MiddleJsonWriter.Write(doc)), StringComparison.Ordinal);
    }

    [Fact]
    public void Images_are_exported_with_a_content_hash_name()
    {
        // The embedded figure only: the report's table crop is BlockCropperTests' subject.
        var doc = DocumentParser.Parse(Report, "r", "txt", new ParseOptions { Crops = false });
        var image = Assert.Single(doc.Pages.SelectMany(p => p.Images));
        Assert.Matches("^[0-9a-f]{64}\\.png$", image.FileName);
        Assert.True(image.Data.Span.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47 }));
        var figure = doc.BodyBlocks.Single(b => b.Type == BlockType.Image);
        Assert.Equal(image.FileName, figure.ImageName);
        Assert.Equal(["Figure 1: A gradient drawn by the sample maker"], figure.Captions);
        Assert.Contains("images/" + image.FileName, OutputBundle.From(doc).Files.Select(f => f.Path));
    }

    [Theory]
    [InlineData("vlm")]
    [InlineData("nope")]
    public void Unavailable_engines_are_refused_clearly(string engine)
    {
        var ex = Assert.Throws<ParseException>(() => DocumentParser.Parse(Report, "r", engine, new ParseOptions()));
        Assert.Equal(ErrorCode.InvalidInput, ex.Code);
        Assert.Contains(engine, ex.Message, StringComparison.Ordinal);
    }
}
