using System.Diagnostics;
using System.Text.Json.Nodes;
using Quarry.Parsing.Errors;
using Quarry.Parsing.Readers.Model.Vlm;

namespace Quarry.Parsing.Tests.Readers.Model.Vlm;

/// <summary>The wire protocol against a real loopback server: bodies as mineru-vl-utils sends them, model ids, auth, response handling.</summary>
public sealed class VlmClientTests
{
    private static readonly byte[] Png = new RgbImage(2, 2).EncodePng();

    private static VlmOptions Options(ChatServer server, string? model = null) =>
        new() { ServerUrl = server.BaseUrl + "/", Model = model, RetryBaseDelay = TimeSpan.FromMilliseconds(10) };

    /// <summary>mineru-vl-utils' build_request_body for this model, prompt and presence/frequency penalties (image part aside).</summary>
    private static JsonObject Expected(string model, string prompt, double presence, double frequency) => new()
    {
        ["model"] = model,
        ["messages"] = new JsonArray(
            new JsonObject { ["role"] = "system", ["content"] = "You are a helpful assistant." },
            new JsonObject
            {
                ["role"] = "user",
                ["content"] = new JsonArray(
                    new JsonObject { ["type"] = "image_url", ["image_url"] = new JsonObject { ["url"] = "IMAGE" } },
                    new JsonObject { ["type"] = "text", ["text"] = prompt }),
            }),
        ["temperature"] = 0.0,
        ["top_p"] = 0.01,
        ["top_k"] = 1,
        ["presence_penalty"] = presence,
        ["frequency_penalty"] = frequency,
        ["repetition_penalty"] = 1.0,
        ["vllm_xargs"] = new JsonObject { ["no_repeat_ngram_size"] = 100, ["debug"] = false },
        ["skip_special_tokens"] = false,
    };

    private static JsonObject WithoutImage(RecordedRequest r)
    {
        var body = (JsonObject)r.Body!.DeepClone();
        body["messages"]![1]!["content"]![0]!["image_url"]!["url"] = "IMAGE";
        return body;
    }

    private static void AssertBody(JsonObject expected, RecordedRequest actual)
    {
        var body = WithoutImage(actual);
        // Field order as mineru-vl-utils builds the dict, and equal values (0 and 0.0 are one JSON number).
        Assert.Equal(expected.Select(p => p.Key), body.Select(p => p.Key));
        foreach (var (key, value) in expected)
        {
            Assert.True(JsonNode.DeepEquals(Normalize(value), Normalize(body[key])), $"{key}: expected {value?.ToJsonString()}, got {body[key]?.ToJsonString()}");
        }
    }

    private static JsonNode? Normalize(JsonNode? n) => n is JsonValue v && v.TryGetValue<double>(out var d) ? JsonValue.Create(d) : n switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Normalize(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Normalize).ToArray()),
        _ => n?.DeepClone(),
    };

    [Theory]
    [InlineData("layout", "\nLayout Detection:", 0.0, 0.0)]
    [InlineData("table", "\nTable Recognition:", 1.0, 0.005)]
    [InlineData("equation", "\nFormula Recognition:", 1.0, 0.05)]
    [InlineData("text", "\nText Recognition:", 1.0, 0.05)]
    [InlineData("page_number", "\nText Recognition:", 1.0, 0.05)]
    public async Task Bodies_match_mineru_vl_utils_per_block_type(string type, string prompt, double presence, double frequency)
    {
        await using var server = await ChatServer.StartAsync();
        server.Answer = (_, _) => Reply.Chat("ok");
        var client = new VlmClient(Options(server));
        var sampling = type == "layout" ? VlmSampling.Layout : VlmSampling.ForContent(type);
        var sentPrompt = type == "layout" ? VlmPrompts.Layout : VlmPrompts.ForContent(type);

        await client.CompleteAsync(type, Png, sentPrompt, sampling, CancellationToken.None);

        var chat = Assert.Single(server.Chats);
        AssertBody(Expected("/models/MinerU2.5-2509-1.2B", prompt, presence, frequency), chat);
        Assert.Equal('\n', chat.Prompt[0]);
        Assert.Equal(Png, chat.Image);
    }

    [Fact]
    public async Task Configured_max_tokens_go_out_as_both_fields_and_gpt_models_lose_vllm_fields()
    {
        await using var server = await ChatServer.StartAsync();
        server.Models = ["gpt-4o-mini"];
        server.Answer = (_, _) => Reply.Chat("ok");
        var client = new VlmClient(Options(server) with { MaxTokens = 512 });

        await client.CompleteAsync("content", Png, VlmPrompts.Text, VlmSampling.Default, CancellationToken.None);

        var body = Assert.Single(server.Chats).Body!;
        Assert.Equal(512, body["max_completion_tokens"]!.GetValue<int>());
        Assert.Equal(512, body["max_tokens"]!.GetValue<int>());
        Assert.False(body.ContainsKey("top_k"));
        Assert.False(body.ContainsKey("repetition_penalty"));
        Assert.False(body.ContainsKey("skip_special_tokens"));
        Assert.True(body.ContainsKey("vllm_xargs"));
    }

    [Fact]
    public async Task Model_id_comes_from_v1_models_and_a_configured_id_must_be_listed()
    {
        await using var server = await ChatServer.StartAsync();
        server.Answer = (_, _) => Reply.Chat("ok");
        server.Models = ["a", "b"];

        var listed = new VlmClient(Options(server, "b"));
        Assert.Equal("b", await listed.ModelAsync(CancellationToken.None));

        var missing = await Assert.ThrowsAsync<ParseException>(() => new VlmClient(Options(server, "c")).ModelAsync(CancellationToken.None));
        Assert.Equal(ErrorCode.UpstreamUnavailable, missing.Code);
        Assert.Contains("'c' is not served", missing.Message, StringComparison.Ordinal);

        var ambiguous = await Assert.ThrowsAsync<ParseException>(() => new VlmClient(Options(server)).ModelAsync(CancellationToken.None));
        Assert.Contains("exactly one model", ambiguous.Message, StringComparison.Ordinal);

        server.Models = ["only"];
        Assert.Equal("only", await new VlmClient(Options(server)).ModelAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Api_key_is_sent_as_a_bearer_token_on_every_request()
    {
        await using var server = await ChatServer.StartAsync();
        server.Answer = (_, _) => Reply.Chat("ok");
        var client = new VlmClient(Options(server) with { ApiKey = "sk-test" });

        await client.CompleteAsync("content", Png, VlmPrompts.Text, VlmSampling.Default, CancellationToken.None);

        Assert.Equal(2, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal("Bearer sk-test", r.Authorization));
    }

    [Fact]
    public async Task Responses_are_read_as_mineru_vl_utils_reads_them()
    {
        await using var server = await ChatServer.StartAsync();
        var replies = new[]
        {
            Reply.Chat("Hello<|im_end|>"),
            Reply.Chat(null),
            Reply.Chat("cut", finish: "length"),
            Reply.Chat("x", finish: "abort"),
            new Reply(200, """{"object":"error","message":"boom"}"""),
        };
        server.Answer = (_, n) => replies[n];
        var client = new VlmClient(Options(server));
        Task<VlmCompletion> Next() => client.CompleteAsync("content", Png, VlmPrompts.Text, VlmSampling.Default, CancellationToken.None);

        Assert.Equal("Hello", (await Next()).Text);
        Assert.Equal("", (await Next()).Text);
        var cut = await Next();
        Assert.Equal(("cut", true), (cut.Text, cut.Truncated));
        Assert.Contains("finish_reason 'abort'", (await Assert.ThrowsAsync<ParseException>(Next)).Message, StringComparison.Ordinal);
        Assert.Contains("error object", (await Assert.ThrowsAsync<ParseException>(Next)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_503_is_retried_then_succeeds_honouring_retry_after()
    {
        await using var server = await ChatServer.StartAsync();
        server.Answer = (_, n) => n < 2 ? new Reply(503, """{"error":"loading"}""", RetryAfter: n == 1 ? 1 : null) : Reply.Chat("fine");
        var client = new VlmClient(Options(server));
        await client.ModelAsync(CancellationToken.None);

        var sw = Stopwatch.StartNew();
        var result = await client.CompleteAsync("content", Png, VlmPrompts.Text, VlmSampling.Default, CancellationToken.None);

        Assert.Equal("fine", result.Text);
        Assert.Equal(3, server.Chats.Count);
        Assert.True(sw.Elapsed >= TimeSpan.FromSeconds(0.9), $"Retry-After: 1 was not waited for ({sw.Elapsed})");
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(404)]
    [InlineData(422)]
    public async Task Client_errors_are_not_retried(int status)
    {
        await using var server = await ChatServer.StartAsync();
        server.Answer = (_, _) => new Reply(status, """{"object":"error","message":"bad request"}""");
        var client = new VlmClient(Options(server));

        var e = await Assert.ThrowsAsync<ParseException>(() => client.CompleteAsync("content", Png, VlmPrompts.Text, VlmSampling.Default, CancellationToken.None));

        Assert.Single(server.Chats);
        Assert.Equal(ErrorCode.UpstreamUnavailable, e.Code);
        Assert.Contains($"answered {status}", e.Message, StringComparison.Ordinal);
        Assert.Contains(server.BaseUrl, e.Message, StringComparison.Ordinal);
    }
}
