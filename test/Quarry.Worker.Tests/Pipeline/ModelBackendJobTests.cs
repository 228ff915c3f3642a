using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Quarry.ModelStandIn;
using Quarry.Parsing.Readers.Model.Vlm;
using Quarry.Tests.Shared;
using Quarry.Worker.Configuration;
using Quarry.Worker.Delivery;
using Quarry.Worker.Fetching;
using Quarry.Worker.Jobs;
using Quarry.Worker.Pipeline;
using Quarry.Worker.Telemetry;

namespace Quarry.Worker.Tests.Pipeline;

/// <summary>A stand-in model server answering for a corpus article with a table and an equation.</summary>
public sealed class ArticleStandIn : IAsyncLifetime
{
    public static readonly string Folder = Path.Combine(RepoPaths.Corpus("synthetic"), "article-1col-7-010");
    public StandInServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await StandInServer.StartAsync(new StandInOptions { Pdfs = [Path.Combine(Folder, "doc.pdf")] });

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>
/// Jobs with the model backends end to end: the job contract, the model reader over HTTP, the pipeline and
/// the writers, against the stand-in on loopback (no GPU here). Checked against the document's truth.
/// </summary>
public sealed class ModelBackendJobTests(ArticleStandIn standIn) : IClassFixture<ArticleStandIn>
{
    private static readonly string Pdf = Convert.ToBase64String(File.ReadAllBytes(Path.Combine(ArticleStandIn.Folder, "doc.pdf")));
    private static readonly JsonNode Truth = JsonNode.Parse(File.ReadAllText(Path.Combine(ArticleStandIn.Folder, "truth.json")))!;

    private async Task<JsonObject> Run(object input, WorkerOptions? options = null, ModelReaders? readers = null)
    {
        options ??= new WorkerOptions();
        var handler = new JobHandler(options, new InputFetcher(options), new Deliverer(options, null), JobLog.Null, readers ?? new ModelReaders());
        return await handler.HandleAsync("job-m", JsonSerializer.SerializeToElement(input), null, CancellationToken.None);
    }

    private static string Markdown(JsonObject o)
    {
        Assert.True(o["ok"]?.GetValue<bool>(), o.ToJsonString());
        return o["results"]![0]!["markdown"]!.GetValue<string>();
    }

    /// <summary>Every heading at its level, every table cell in a cell, every equation as display LaTeX.</summary>
    private static void AssertTruth(string md)
    {
        foreach (var h in Truth["headings"]!.AsArray())
        {
            Assert.Contains($"{new string('#', h!["level"]!.GetValue<int>())} {h["text"]!.GetValue<string>()}\n", md, StringComparison.Ordinal);
        }
        foreach (var cell in Truth["tables"]![0]!["cells"]!.AsArray().SelectMany(r => r!.AsArray()))
        {
            Assert.Contains($"<td>{cell!.GetValue<string>()}</td>", md, StringComparison.Ordinal);
        }
        foreach (var eq in Truth["equations"]!.AsArray())
        {
            Assert.Contains($"$$\n{eq!.GetValue<string>()}\n$$", md, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Vlm_http_client_reads_every_page_through_the_model_server_the_job_names()
    {
        standIn.Server.State.ResetStats();
        var o = await Run(new { file_b64 = Pdf, backend = "vlm-http-client", server_url = standIn.Server.BaseUrl, transport = "inline", formats = new[] { "markdown" } });

        AssertTruth(Markdown(o));
        var stats = standIn.Server.State.Stats;
        Assert.Equal(2L, stats.LayoutRequests); // one per page
        Assert.Equal(stats.Requests, o["debug"]!["model_requests"]!.GetValue<int>());
        Assert.Equal("vlm", o["debug"]!["engine"]!.GetValue<string>());
    }

    [Fact]
    public async Task Hybrid_keeps_the_text_layer_and_asks_the_model_only_for_the_table_and_the_equation()
    {
        standIn.Server.State.ResetStats();
        var vlm = await Run(new { file_b64 = Pdf, backend = "vlm-engine", transport = "inline", formats = new[] { "markdown" } },
            new WorkerOptions { VlmServerUrl = standIn.Server.BaseUrl });
        standIn.Server.State.ResetStats();
        var hybrid = await Run(new { file_b64 = Pdf, backend = "hybrid-engine", transport = "inline", formats = new[] { "markdown" } },
            new WorkerOptions { VlmServerUrl = standIn.Server.BaseUrl });

        AssertTruth(Markdown(hybrid));
        Assert.Equal(0L, standIn.Server.State.Stats.LayoutRequests);
        Assert.Equal(2, hybrid["debug"]!["model_requests"]!.GetValue<int>()); // the table and the equation
        Assert.True(vlm["debug"]!["model_requests"]!.GetValue<int>() > 5 * 2);
    }

    [Fact]
    public async Task A_model_stuck_in_a_repetition_loop_degrades_the_page_and_the_text_layer_fills_the_table()
    {
        standIn.Server.State.Configure(new JsonObject { ["repeat_block_type"] = "table" });
        try
        {
            var o = await Run(new { file_b64 = Pdf, backend = "vlm-http-client", server_url = standIn.Server.BaseUrl, transport = "inline", formats = new[] { "markdown" } });

            var md = Markdown(o);
            foreach (var cell in Truth["tables"]![0]!["cells"]!.AsArray().SelectMany(r => r!.AsArray()))
            {
                Assert.Contains(cell!.GetValue<string>(), md, StringComparison.Ordinal); // read from the text layer instead
            }
            var degraded = o["results"]![0]!["degraded"]!;
            Assert.Equal(1, degraded["count"]!.GetValue<int>());
            var reason = degraded["items"]![0]!["reason"]!.GetValue<string>();
            Assert.Contains("model", reason, StringComparison.Ordinal);
            Assert.Contains("table", reason, StringComparison.Ordinal);
        }
        finally
        {
            standIn.Server.State.Configure(new JsonObject { ["repeat_block_type"] = null });
        }
    }

    [Fact]
    public async Task A_dead_server_fails_jobs_with_upstream_unavailable_and_fast_once_the_breaker_is_open()
    {
        // A server that accepts and never answers: every attempt costs the full timeout while the breaker is closed.
        using var silent = RawTcpServer.Silent();
        var readers = new ModelReaders(create: url => VlmPageReader.Create(new VlmOptions
        {
            ServerUrl = url,
            RequestTimeout = TimeSpan.FromSeconds(1.5),
            MaxRetries = 0,
            BreakerFailures = 2,
            BreakerRecovery = TimeSpan.FromMinutes(5),
        }));
        var input = new { file_b64 = Pdf, backend = "vlm-engine", transport = "inline" };
        var options = new WorkerOptions { VlmServerUrl = silent.BaseUrl };

        var times = new List<TimeSpan>();
        var codes = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var clock = Stopwatch.StartNew();
            var o = await Run(input, options, readers);
            times.Add(clock.Elapsed);
            codes.Add(o["error_code"]!.GetValue<string>());
            if (i == 2)
            {
                Assert.Contains("circuit breaker open", o["error"]!.GetValue<string>(), StringComparison.Ordinal);
            }
        }

        Assert.All(codes, c => Assert.Equal("UPSTREAM_UNAVAILABLE", c));
        Assert.True(times[1] >= TimeSpan.FromSeconds(1.4), $"second job {times[1].TotalMilliseconds:F0} ms: it should have waited for the timeout");
        Assert.True(times[2] < TimeSpan.FromSeconds(1), $"third job {times[2].TotalMilliseconds:F0} ms with the breaker open");
    }
}

/// <summary>The boot warmup through the model: a GPU worker's first requests happen before its first job.</summary>
public sealed class ModelWarmupTests(ArticleStandIn standIn) : IClassFixture<ArticleStandIn>
{
    [Fact]
    public void Warmup_through_vlm_sends_the_sample_page_to_the_model_server()
    {
        standIn.Server.State.ResetStats();
        var reader = new ModelReaders().For(standIn.Server.BaseUrl);

        Assert.True(Quarry.Worker.Warmup.Warmup.Run(JobLog.Null, "vlm", reader) > TimeSpan.Zero);

        Assert.True(standIn.Server.State.Stats.LayoutRequests >= 1);
    }
}
