using Quarry.Core.Model;
using Quarry.Parsing.Pipeline;
using Quarry.Parsing.Routing;
using Quarry.Tests.Shared;

namespace Quarry.Parsing.Tests.Pipeline.ModelPages;

/// <summary><c>hybrid</c>: the text layer where it can be trusted, the model for what it reads badly.</summary>
public class HybridPipelineTests
{
    private static byte[] Corpus(string set, string id) => File.ReadAllBytes(Path.Combine(RepoPaths.Corpus(set), id, "doc.pdf"));

    private static ParsedDocument Hybrid(byte[] pdf, RecordingModelReader reader, HybridEffort effort) =>
        DocumentParser.Parse(pdf, "doc", "hybrid", new ParseOptions { ModelReader = reader, Effort = effort, Crops = false });

    [Fact]
    public void Medium_sends_only_the_tables_and_equations_of_a_trusted_page()
    {
        var pdf = Corpus("synthetic", "article-1col-7-010"); // tables and display equations, born digital
        var reader = new RecordingModelReader(pdf);
        var doc = Hybrid(pdf, reader, HybridEffort.Medium);
        var txt = DocumentParser.Parse(pdf, "doc", "txt", new ParseOptions { Crops = false });
        Assert.Empty(reader.Pages);
        var regions = reader.RegionCalls.SelectMany(c => c.Regions).ToList();
        Assert.NotEmpty(regions);
        Assert.All(regions, r => Assert.Contains(r.Type, new[] { BlockType.Table, BlockType.Equation }));
        var expected = txt.BodyBlocks.Count(b => b.Type is BlockType.Table or BlockType.Equation);
        Assert.Equal(expected, regions.Count);
        Assert.Equal(regions.Count, doc.ModelRequests);
        // The model's readings take the regions' places; the rest is the text layer's, in its order.
        Assert.Equal(txt.BodyBlocks.Select(b => b.Type is BlockType.Table or BlockType.Equation ? "model" : b.Text),
            doc.BodyBlocks.Select(b => b.Text.StartsWith("model region", StringComparison.Ordinal) ? "model" : b.Text));
    }

    [Fact]
    public void Medium_sends_a_page_it_does_not_trust_whole()
    {
        var pdf = Corpus("scanned", "article-1col-7-000-scan");
        var reader = new RecordingModelReader();
        var doc = Hybrid(pdf, reader, HybridEffort.Medium);
        Assert.Equal(doc.Pages.Count, reader.Pages.Count);
        Assert.Empty(reader.RegionCalls);
    }

    [Fact]
    public void High_reads_every_page_with_the_model_and_corrects_its_text_from_a_trusted_text_layer()
    {
        var pdf = Corpus("synthetic", "article-1col-7-000");
        var reader = new RecordingModelReader(pdf)
        {
            // A model that misreads every paragraph: the text layer's words must win on a trusted page.
            Edit = (_, r) =>
            {
                foreach (var b in r.Blocks.Where(b => b.Type == BlockType.Text))
                {
                    b.Text = "misread";
                }
                return r;
            },
        };
        var doc = Hybrid(pdf, reader, HybridEffort.High);
        Assert.Equal(doc.Pages.Count, reader.Pages.Count);
        Assert.Empty(reader.RegionCalls);
        Assert.DoesNotContain(doc.BodyBlocks, b => b.Text == "misread");
        Assert.Contains(doc.BodyBlocks, b => b.Type == BlockType.Text && b.Text.Length > 40);
    }
}
