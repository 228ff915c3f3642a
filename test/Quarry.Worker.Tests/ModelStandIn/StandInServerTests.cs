using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Quarry.ModelStandIn;
using Quarry.Tests.Shared;
using SkiaSharp;

namespace Quarry.Worker.Tests.ModelStandIn;

/// <summary>One stand-in over two corpus PDFs (a report with tables, an article with an equation), shared by the recognition tests.</summary>
public sealed class CorpusStandIn : IAsyncLifetime
{
    public static readonly string Tables = Path.Combine(RepoPaths.Corpus("synthetic"), "report-tables-7-002", "doc.pdf");
    public static readonly string Equations = Path.Combine(RepoPaths.Corpus("synthetic"), "article-1col-7-000", "doc.pdf");
    public string Record { get; } = Path.Combine(Path.GetTempPath(), $"standin-{Guid.NewGuid():N}.jsonl");
    public StandInServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await StandInServer.StartAsync(new StandInOptions { Pdfs = [Tables, Equations], RecordFile = Record });

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        File.Delete(Record);
    }
}

public sealed class StandInServerTests(CorpusStandIn fixture) : IClassFixture<CorpusStandIn>
{
    private const string Model = "/models/MinerU2.5-2509-1.2B";
    private static readonly HttpClient Http = new();

    private static async Task<JsonObject> ChatAsync(string baseUrl, JsonObject body)
    {
        using var response = await Http.PostAsJsonAsync(baseUrl + "/v1/chat/completions", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static string Content(JsonObject completion) => completion["choices"]![0]!["message"]!["content"]!.GetValue<string>();

    [Fact]
    public async Task Models_and_completions_have_vllms_shapes()
    {
        var models = (await Http.GetFromJsonAsync<JsonObject>(fixture.Server.BaseUrl + "/v1/models"))!;
        Assert.Equal("list", models["object"]!.GetValue<string>());
        var card = models["data"]![0]!;
        Assert.Equal(Model, card["id"]!.GetValue<string>());
        Assert.Equal("model", card["object"]!.GetValue<string>());
        Assert.Equal("vllm", card["owned_by"]!.GetValue<string>());
        using var health = await Http.GetAsync(fixture.Server.BaseUrl + "/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        var pages = MineruClientImages.RenderPages(CorpusStandIn.Tables);
        var completion = await ChatAsync(fixture.Server.BaseUrl, MineruClientImages.Body(Model, MineruClientImages.LayoutImage(pages[0]), "\nLayout Detection:"));
        Assert.StartsWith("chatcmpl-", completion["id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("chat.completion", completion["object"]!.GetValue<string>());
        Assert.Equal(Model, completion["model"]!.GetValue<string>());
        var choice = completion["choices"]![0]!;
        Assert.Equal("assistant", choice["message"]!["role"]!.GetValue<string>());
        Assert.Equal("stop", choice["finish_reason"]!.GetValue<string>());
        var usage = completion["usage"]!;
        Assert.Equal(usage["prompt_tokens"]!.GetValue<int>() + usage["completion_tokens"]!.GetValue<int>(), usage["total_tokens"]!.GetValue<int>());
        Assert.True(usage["prompt_tokens"]!.GetValue<int>() >= 37 * 37); // 1036² at 28 px a token
    }

    [Fact]
    public async Task Every_page_of_two_documents_is_recognised_from_the_clients_render()
    {
        foreach (var pdf in new[] { CorpusStandIn.Tables, CorpusStandIn.Equations })
        {
            var pages = MineruClientImages.RenderPages(pdf);
            Assert.True(pages.Count >= 2);
            for (var i = 0; i < pages.Count; i++)
            {
                var answer = Content(await ChatAsync(fixture.Server.BaseUrl, MineruClientImages.Body(Model, MineruClientImages.LayoutImage(pages[i]), "\nLayout Detection:")));
                var expected = fixture.Server.Recognizer.Pages.Single(p => p.Document == Path.GetFileName(Path.GetDirectoryName(pdf)) && p.Index == i);
                Assert.Equal(expected.LayoutAnswer, answer);
                Assert.NotEmpty(MineruClientImages.ParseLayout(answer));
            }
        }
    }

    [Fact]
    public async Task Crops_of_its_layout_boxes_get_the_truths_table_and_equation_and_the_text_layers_text()
    {
        var server = fixture.Server.BaseUrl;
        var tablePages = MineruClientImages.RenderPages(CorpusStandIn.Tables);
        var layout = MineruClientImages.ParseLayout(Content(await ChatAsync(server, MineruClientImages.Body(Model, MineruClientImages.LayoutImage(tablePages[0]), "\nLayout Detection:"))));
        var table = layout.First(b => b.Label == "table");
        var otsl = Content(await ChatAsync(server, MineruClientImages.Body(Model, MineruClientImages.Crop(tablePages[0], table.Box), "\nTable Recognition:", 1.0, 0.005)));
        Assert.StartsWith("<fcel>Name<fcel>Batch<fcel>Model<fcel>Revenue<nl><fcel>Epsilon<fcel>14.2", otsl, StringComparison.Ordinal); // truth.json's first table
        var title = layout.First(b => b.Label == "title");
        var titleText = Content(await ChatAsync(server, MineruClientImages.Body(Model, MineruClientImages.Crop(tablePages[0], title.Box), "\nText Recognition:", 1.0, 0.05)));
        var known = fixture.Server.Recognizer.Pages.First(p => p.Document == "report-tables-7-002" && p.Index == 0).Blocks.First(b => b.Label == "title");
        Assert.Equal(known.Answer, titleText);

        var equationPages = MineruClientImages.RenderPages(CorpusStandIn.Equations);
        foreach (var page in equationPages)
        {
            var boxes = MineruClientImages.ParseLayout(Content(await ChatAsync(server, MineruClientImages.Body(Model, MineruClientImages.LayoutImage(page), "\nLayout Detection:"))));
            if (boxes.FirstOrDefault(b => b.Label == "equation") is { Box: not null } equation)
            {
                var latex = Content(await ChatAsync(server, MineruClientImages.Body(Model, MineruClientImages.Crop(page, equation.Box), "\nFormula Recognition:", 1.0, 0.05)));
                Assert.Equal(@"f(x) = \frac{1}{\sigma\sqrt{2\pi}} e^{-\frac{(x-\mu)^{2}}{2\sigma^{2}}}", latex);
                return;
            }
        }
        Assert.Fail("no equation box in the article's layout answers");
    }

    [Fact]
    public async Task Requests_are_recorded_with_images_as_size_and_hash_in_memory_and_in_the_jsonl_file()
    {
        var pages = MineruClientImages.RenderPages(CorpusStandIn.Tables);
        var png = MineruClientImages.LayoutImage(pages[1]);
        await ChatAsync(fixture.Server.BaseUrl, MineruClientImages.Body(Model, png, "\nLayout Detection:"));
        var sha = Convert.ToHexStringLower(SHA256.HashData(png));
        var records = (await Http.GetFromJsonAsync<JsonArray>(fixture.Server.BaseUrl + "/_stand-in/requests"))!;
        var entry = records.Last(r => r!["path"]!.GetValue<string>() == "/v1/chat/completions")!;
        Assert.Equal("layout", entry["kind"]!.GetValue<string>());
        Assert.Equal("\nLayout Detection:", entry["prompt"]!.GetValue<string>());
        Assert.Equal(0.01, entry["sampling"]!["top_p"]!.GetValue<double>());
        Assert.Equal(100, entry["sampling"]!["vllm_xargs"]!["no_repeat_ngram_size"]!.GetValue<int>());
        var image = entry["body"]!["messages"]![1]!["content"]![0]!["image_url"]!;
        Assert.Equal(1036, image["width"]!.GetValue<int>());
        Assert.Equal(1036, image["height"]!.GetValue<int>());
        Assert.Equal(sha, image["sha256"]!.GetValue<string>());
        Assert.Equal(1, entry["response"]!["match"]!["page"]!.GetValue<int>());
        var lines = await File.ReadAllLinesAsync(fixture.Record);
        Assert.Contains(lines, l => l.Contains(sha, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_image_gets_an_empty_answer_and_is_counted()
    {
        using var blank = new SKBitmap(300, 200);
        blank.Erase(SKColors.White);
        using (var canvas = new SKCanvas(blank))
        {
            canvas.DrawCircle(150, 100, 80, new SKPaint { Color = SKColors.Black });
        }
        var before = fixture.Server.State.Stats.Unrecognized;
        var layout = await ChatAsync(fixture.Server.BaseUrl, MineruClientImages.Body(Model, MineruClientImages.LayoutImage(blank), "\nLayout Detection:"));
        Assert.Equal("", Content(layout));
        var broken = MineruClientImages.Body(Model, [1, 2, 3], "\nText Recognition:");
        Assert.Equal("", Content(await ChatAsync(fixture.Server.BaseUrl, broken)));
        Assert.Equal(before + 2, fixture.Server.State.Stats.Unrecognized);
    }
}

/// <summary>Behaviour settings, on a stand-in with no documents (they are about the wire, not the answers).</summary>
public sealed class StandInBehaviourTests
{
    private const string Model = "/models/MinerU2.5-2509-1.2B";
    private static readonly HttpClient Http = new();
    private static readonly byte[] Png = Dot();

    private static byte[] Dot()
    {
        using var b = new SKBitmap(40, 20);
        b.Erase(SKColors.White);
        using var png = SKImage.FromBitmap(b).Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    private static Task<HttpResponseMessage> Post(StandInServer s, string prompt = "\nText Recognition:", int? maxTokens = null)
    {
        var body = MineruClientImages.Body(Model, Png, prompt);
        if (maxTokens is { } n)
        {
            body["max_tokens"] = n;
        }
        return Http.PostAsJsonAsync(s.BaseUrl + "/v1/chat/completions", body);
    }

    private static async Task Configure(StandInServer s, JsonObject patch)
    {
        using var r = await Http.PostAsJsonAsync(s.BaseUrl + "/_stand-in/config", patch);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
    }

    [Fact]
    public async Task Injected_errors_dead_periods_and_the_api_key_answer_as_vllm_does()
    {
        await using var s = await StandInServer.StartAsync(new StandInOptions());
        await Configure(s, new JsonObject { ["error_next"] = 2, ["error_status"] = 503 });
        for (var i = 0; i < 2; i++)
        {
            using var failed = await Post(s);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
            var error = (await failed.Content.ReadFromJsonAsync<JsonObject>())!["error"]!;
            Assert.Equal(503, error["code"]!.GetValue<int>());
            Assert.False(string.IsNullOrEmpty(error["message"]!.GetValue<string>()));
        }
        using (var ok = await Post(s))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        await Configure(s, new JsonObject { ["error_shape"] = "flat" });
        using (var missing = await Http.PostAsJsonAsync(s.BaseUrl + "/v1/chat/completions", MineruClientImages.Body("other", Png, "\nText Recognition:")))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            var flat = (await missing.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal("error", flat["object"]!.GetValue<string>());
            Assert.Equal("NotFoundError", flat["type"]!.GetValue<string>());
        }

        await Configure(s, new JsonObject { ["dead_seconds"] = 0.5 });
        using (var dead = await Http.GetAsync(s.BaseUrl + "/health"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, dead.StatusCode);
        }
        await Task.Delay(600);
        using (var alive = await Http.GetAsync(s.BaseUrl + "/health"))
        {
            Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        }
        await Configure(s, new JsonObject { ["dead_seconds"] = 5, ["dead_mode"] = "close" });
        await Assert.ThrowsAsync<HttpRequestException>(() => Http.GetAsync(s.BaseUrl + "/v1/models"));
        await Configure(s, new JsonObject { ["dead_seconds"] = 0, ["api_key"] = "k1" });

        using (var refused = await Post(s))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }
        using var keyed = new HttpRequestMessage(HttpMethod.Get, s.BaseUrl + "/v1/models");
        keyed.Headers.Authorization = new("Bearer", "k1");
        using var allowed = await Http.SendAsync(keyed);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(2, s.State.Stats.InjectedErrors);
    }

    [Fact]
    public async Task A_repetition_loop_runs_to_its_cap_with_finish_reason_length_and_max_tokens_cuts_answers()
    {
        await using var s = await StandInServer.StartAsync(new StandInOptions { Behaviour = new StandInBehaviour { RepeatNext = 1, RepeatMaxTokens = 120 } });
        using var looped = await Post(s);
        var completion = (await looped.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("length", completion["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.Equal(120, completion["usage"]!["completion_tokens"]!.GetValue<int>());
        var text = completion["choices"]![0]!["message"]!["content"]!.GetValue<string>();
        Assert.Equal(120, Tokens.Count(text));
        using var next = await Post(s); // the countdown is spent
        Assert.Equal("stop", (await next.Content.ReadFromJsonAsync<JsonObject>())!["choices"]![0]!["finish_reason"]!.GetValue<string>());

        await Configure(s, new JsonObject { ["repeat_block_type"] = "text" }); // unrecognised text crops count as "text"
        using var capped = await Post(s, maxTokens: 30);
        var cut = (await capped.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("length", cut["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.Equal(30, cut["usage"]!["completion_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_concurrency_limit_queues_requests_and_latency_adds_up_as_gpu_time()
    {
        await using var s = await StandInServer.StartAsync(new StandInOptions { Behaviour = new StandInBehaviour { MaxNumSeqs = 2, LatencyMs = 200 } });
        var clock = Stopwatch.StartNew();
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Post(s)));
        clock.Stop();
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var stats = (await Http.GetFromJsonAsync<JsonObject>(s.BaseUrl + "/_stand-in/stats"))!;
        Assert.Equal(2, stats["max_in_flight"]!.GetValue<int>());
        Assert.Equal(6, stats["content_requests"]!.GetValue<int>());
        Assert.Equal(1.2, stats["gpu_seconds"]!.GetValue<double>(), 2);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(580), $"6 requests, 2 at a time, 200 ms each took {clock.Elapsed}");
    }
}
