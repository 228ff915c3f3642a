using Quarry.Client.FanOut;
using Quarry.Core.Chunking;
using Quarry.Tests.Shared;

namespace Quarry.Client.Tests;

public class FanOutTests
{
    public static TheoryData<string, int> Documents => new()
    {
        { "long-text-7-013", 4 },
        { "long-text-7-033", 4 },
        { "headers-footers-7-019", 4 },
        { "article-2col-7-001", 4 },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task Fanned_out_parse_equals_a_single_job(string id, int pagesPerJob)
    {
        var pdf = Path.Combine(RepoPaths.Corpus("synthetic"), id, "doc.pdf");
        await using var endpoint = await LocalEndpoint.StartAsync();
        using var client = endpoint.Client();
        var request = ParseRequest.FromFile(pdf) with { Transport = "tarball_b64" };
        var single = await client.ParseAsync(request);
        var merged = await FanOutParser.ParseAsync(client, request, pagesPerJob, maxParallel: 4);
        Assert.Equal(single.Pages, merged.Pages);
        Assert.Equal(single.Markdown, merged.Markdown);
        Assert.Equal(single.ContentList.ToJsonString(), merged.ContentList.ToJsonString());
        Assert.Equal(single.ContentListV2!.ToJsonString(), merged.ContentListV2!.ToJsonString());
        Assert.Equal(single.Middle!.ToJsonString(), merged.Middle!.ToJsonString());
        Assert.Equal(single.Images.Keys.Order(), merged.Images.Keys.Order());
    }

    [Theory]
    [InlineData(0, 12, 4, "0-3,4-7,8-12")]
    [InlineData(0, 4, 4, "0-4")]
    [InlineData(2, 9, 5, "2-9")]
    [InlineData(0, 9, 5, "0-4,5-9")]
    public void Plans_parts_without_a_tiny_remainder(int first, int last, int per, string expected) =>
        Assert.Equal(expected, string.Join(",", FanOutParser.Plan(first, last, per).Select(r => $"{r.From}-{r.To}")));

    [Fact]
    public async Task Chunks_follow_sections_and_cite_pages()
    {
        var pdf = Path.Combine(RepoPaths.Corpus("synthetic"), "long-text-7-013", "doc.pdf");
        await using var endpoint = await LocalEndpoint.StartAsync();
        using var client = endpoint.Client();
        var result = await client.ParseAsync(ParseRequest.FromFile(pdf) with { Transport = "inline" });
        var chunks = Chunker.FromContentList(result.ContentList, "doc", maxChars: 1200);
        Assert.True(chunks.Count > 10);
        Assert.All(chunks, c => Assert.InRange(c.Text.Length, 1, 1200));
        Assert.All(chunks, c => Assert.NotEmpty(c.Pages));
        Assert.All(chunks.Skip(1), c => Assert.NotEmpty(c.HeadingPath));
        // Heading paths nest: a level-3 section sits under its level-2 parent under the document title.
        Assert.Contains(chunks, c => c.HeadingPath.Count == 3);
        Assert.Equal(chunks.Select(c => c.Id), chunks.Select((_, i) => $"doc#{i}"));
        Assert.DoesNotContain(chunks, c => c.Text.Contains("Quarterly Operations Review", StringComparison.Ordinal));
    }
}
