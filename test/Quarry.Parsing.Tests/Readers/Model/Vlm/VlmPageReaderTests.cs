using Quarry.Core.Model;
using Quarry.Parsing.Readers.Model;
using Quarry.Parsing.Readers.Model.Vlm;

namespace Quarry.Parsing.Tests.Readers.Model.Vlm;

/// <summary>The reader end to end against a loopback server: layout, crops, content, guard, mapping.</summary>
public sealed class VlmPageReaderTests
{
    private const string Layout =
        "<|box_start|>100 050 900 090<|box_end|><|ref_start|>doc_title<|ref_end|><|rotate_up|>\n" +
        "<|box_start|>100 100 900 300<|box_end|><|ref_start|>text<|ref_end|><|rotate_up|>\n" +
        "<|box_start|>100 320 900 600<|box_end|><|ref_start|>table<|ref_end|><|rotate_up|>\n" +
        "<|box_start|>100 620 900 700<|box_end|><|ref_start|>equation<|ref_end|><|rotate_up|>\n" +
        "<|box_start|>100 720 900 900<|box_end|><|ref_start|>image<|ref_end|><|rotate_up|>\n" +
        "<|box_start|>920 100 960 900<|box_end|><|ref_start|>aside_text<|ref_end|><|rotate_left|>\n" +
        "<|box_start|>480 950 520 970<|box_end|><|ref_start|>page_number<|ref_end|><|rotate_up|>";

    private static PageRender Page() =>
        new(0, File.ReadAllBytes(ChatServer.Fixture("page.png")), 612, 396, 200);

    private static VlmOptions Options(ChatServer server) => new() { ServerUrl = server.BaseUrl, RetryBaseDelay = TimeSpan.FromMilliseconds(5) };

    private static Reply Content(RecordedRequest r) => r.Prompt switch
    {
        "\nLayout Detection:" => Reply.Chat(Layout),
        "\nTable Recognition:" => Reply.Chat("<table><tr><td>a</td><td>b</td></tr></table>"),
        "\nFormula Recognition:" => Reply.Chat("\\[\nx^2\n\\]"),
        _ => Reply.Chat("Energy \\(E=mc^2\\) rules."),
    };

    [Fact]
    public async Task A_page_goes_layout_then_content_per_block_into_typed_blocks()
    {
        await using var server = await ChatServer.StartAsync();
        server.Answer = (r, _) => Content(r);

        var result = await VlmPageReader.Create(Options(server)).ReadPageAsync(Page(), CancellationToken.None);

        var chats = server.Chats;
        var layout = chats[0];
        Assert.Equal("\nLayout Detection:", layout.Prompt);
        var layoutImage = RgbImage.Decode(layout.Image);
        Assert.Equal((1036, 1036), (layoutImage.Width, layoutImage.Height));
        // Six content requests: the image is cropped, never sent (image analysis off).
        Assert.Equal(7, chats.Count);
        Assert.Equal(7, result.Requests);
        Assert.Equal(1, chats.Count(c => c.Prompt == "\nTable Recognition:"));
        Assert.Equal(1, chats.Count(c => c.Prompt == "\nFormula Recognition:"));
        Assert.DoesNotContain(chats, c => c.Prompt == "\nImage Analysis:");

        // The rotated aside (rotate_left = 270): crop of 0.04×0.8 of 1700×1100 is 68×880, turned to 880×68.
        var aside = chats.Skip(1).Select(c => RgbImage.Decode(c.Image)).Single(i => i.Width == 880);
        Assert.Equal(68, aside.Height);
        // The page number crop, 68×22, is upscaled to a 28 px short edge: 87×28.
        Assert.Contains(chats.Skip(1), c => RgbImage.Decode(c.Image) is { Width: 87, Height: 28 });

        Assert.Equal(
            [BlockType.Title, BlockType.Text, BlockType.Table, BlockType.Equation, BlockType.Image, BlockType.AsideText, BlockType.PageNumber],
            result.Blocks.Select(b => b.Type));
        Assert.Equal([61.2, 39.6, 550.8, 118.8], result.Blocks[1].BoundingBox.ToArray());
        Assert.Contains(result.Blocks[1].Lines[0].Spans, s => s is { Type: SpanType.InlineEquation, Content: "E=mc^2" });
        Assert.Equal("<table><tr><td>a</td><td>b</td></tr></table>", result.Blocks[2].TableHtml);
        Assert.Equal("x^2", result.Blocks[3].Text);
        Assert.Empty(result.Unread);
    }

    private static string Loop => "Intro. " + string.Concat(Enumerable.Repeat("the same words again ", 60));

    [Fact]
    public async Task A_looping_block_is_retried_once_with_stronger_penalties_and_a_cap_then_left_unread()
    {
        await using var server = await ChatServer.StartAsync();
        server.Answer = (r, _) => r.Prompt == "\nLayout Detection:"
            ? Reply.Chat("<|box_start|>100 100 900 300<|box_end|><|ref_start|>text<|ref_end|><|rotate_up|>")
            : Reply.Chat(Loop);

        var result = await VlmPageReader.Create(Options(server)).ReadPageAsync(Page(), CancellationToken.None);

        var content = server.Chats.Skip(1).Select(c => c.Body!).ToList();
        Assert.Equal(2, content.Count);
        Assert.False(content[0].ContainsKey("max_tokens"));
        Assert.Equal(1.5, content[1]["presence_penalty"]!.GetValue<double>());
        Assert.Equal(0.5, content[1]["frequency_penalty"]!.GetValue<double>());
        Assert.Equal(1.05, content[1]["repetition_penalty"]!.GetValue<double>());
        // The crop is 1360×220 px: 200 + 299200/100 = 3192 tokens at most.
        Assert.Equal(3192, content[1]["max_tokens"]!.GetValue<int>());
        Assert.Equal(3, result.Requests);

        var unread = Assert.Single(result.Unread);
        Assert.Equal("the model repeated itself on this text twice", unread.Reason);
        Assert.Same(Assert.Single(result.Blocks), unread.Block);
        Assert.Equal("", unread.Block.Text);
    }

    [Fact]
    public async Task A_block_that_loops_once_and_then_reads_cleanly_is_kept()
    {
        await using var server = await ChatServer.StartAsync();
        server.Answer = (r, n) => r.Prompt == "\nLayout Detection:"
            ? Reply.Chat("<|box_start|>100 100 900 300<|box_end|><|ref_start|>text<|ref_end|><|rotate_up|>")
            : n == 1 ? Reply.Chat("Cut off", finish: "length") : Reply.Chat("A clean paragraph.");

        var result = await VlmPageReader.Create(Options(server)).ReadPageAsync(Page(), CancellationToken.None);

        Assert.Equal("A clean paragraph.", Assert.Single(result.Blocks).Text);
        Assert.Empty(result.Unread);
        Assert.Equal(3, result.Requests);
    }

    [Fact]
    public async Task Regions_are_read_without_a_layout_request_in_region_order()
    {
        await using var server = await ChatServer.StartAsync();
        server.Answer = (r, _) => Content(r);
        ModelRegion[] regions =
        [
            new(BlockType.Table, new BoundingBox(61.2, 126.72, 550.8, 237.6)),
            new(BlockType.Equation, new BoundingBox(61.2, 245.52, 550.8, 277.2)),
        ];

        var result = await VlmPageReader.Create(Options(server)).ReadRegionsAsync(Page(), regions, CancellationToken.None);

        Assert.DoesNotContain(server.Chats, c => c.Prompt == "\nLayout Detection:");
        Assert.Equal(2, result.Requests);
        Assert.Equal([BlockType.Table, BlockType.Equation], result.Blocks.Select(b => b.Type));
        Assert.Equal("x^2", result.Blocks[1].Text);
        // 0.1–0.9 × 0.32–0.6 of the 1700×1100 render.
        var table = RgbImage.Decode(server.Chats.Single(c => c.Prompt == "\nTable Recognition:").Image);
        Assert.Equal((1360, 308), (table.Width, table.Height));
    }

    [Fact]
    public void Options_read_the_environment_names_and_normalise_the_url_as_mineru_vl_utils()
    {
        var env = new Dictionary<string, string>
        {
            ["QUARRY_VLM_SERVER_URL"] = "http://gpu:30000/v1/chat/completions",
            ["QUARRY_VLM_MODEL"] = "m",
            ["QUARRY_VLM_MAX_IN_FLIGHT"] = "16",
            ["QUARRY_VLM_TIMEOUT_SECONDS"] = "120",
            ["QUARRY_VLM_BREAKER_FAILURES"] = "3",
            ["QUARRY_VLM_BREAKER_RECOVERY_SECONDS"] = "10",
            ["QUARRY_VLM_RETRIES"] = "0",
        };

        var o = VlmOptions.FromVariables(k => env.GetValueOrDefault(k))!;

        Assert.Equal("http://gpu:30000", o.BaseUrl);
        Assert.Equal(("m", 16, 120.0, 3, 10.0, 0), (o.Model, o.MaxInFlight, o.RequestTimeout.TotalSeconds, o.BreakerFailures, o.BreakerRecovery.TotalSeconds, o.MaxRetries));
        Assert.Null(VlmOptions.FromVariables(_ => null));
        Assert.Equal("https://host/prefix/api", VlmOptions.NormalizeServerUrl("https://host/prefix/api/"));
        Assert.Equal("https://host:8443", VlmOptions.NormalizeServerUrl("https://host:8443/prefix/api"));
    }
}
