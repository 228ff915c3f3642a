using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Quarry.Core.Writers;
using Quarry.Parsing.Pipeline;
using Quarry.Tests.Shared;
using Quarry.Worker.Configuration;
using Quarry.Worker.Tests;

namespace Quarry.Client.Tests;

public sealed class QuarryClientTests(S3Server s3) : IClassFixture<S3Server>
{
    private static readonly string Report = RepoPaths.Sample("report.pdf");
    private static readonly string LocalMarkdown = MarkdownWriter.Write(DocumentParser.Parse(File.ReadAllBytes(Report), "report", "txt", new ParseOptions()));

    [Theory]
    [InlineData("inline")]
    [InlineData("tarball_b64")]
    [InlineData("s3")]
    [InlineData("auto")]
    public async Task Every_transport_round_trips_to_the_same_typed_result(string transport)
    {
        await using var endpoint = await LocalEndpoint.StartAsync(new WorkerOptions { Bucket = s3.Bucket, MaxConcurrency = 2 });
        using var client = endpoint.Client();
        var result = await client.ParseAsync(ParseRequest.FromFile(Report) with { Transport = transport });
        Assert.Equal("report", result.Basename);
        Assert.Equal(LocalMarkdown, result.Markdown);
        Assert.NotEmpty(result.ContentList);
        Assert.Equal(2, result.Images.Count); // the figure and the table's crop
        Assert.Equal(2, result.Pages);
        Assert.Equal(transport == "auto" ? "tarball_b64" : transport, result.Transport);
        var dir = Directory.CreateTempSubdirectory("quarry-client-").FullName;
        result.WriteTo(dir);
        Assert.Equal(LocalMarkdown, File.ReadAllText(Path.Combine(dir, "report", "report.md")));
        Directory.Delete(dir, true);
    }

    [Fact]
    public async Task Large_inputs_use_run_and_status_polling()
    {
        await using var endpoint = await LocalEndpoint.StartAsync();
        using var client = endpoint.Client(o => o with { RunSyncMaxBytes = 10 });
        var result = await client.ParseAsync(ParseRequest.FromStream(File.OpenRead(Report), "report"));
        Assert.Equal(LocalMarkdown, result.Markdown);
    }

    [Fact]
    public async Task A_failed_job_throws_with_the_workers_code()
    {
        await using var endpoint = await LocalEndpoint.StartAsync();
        using var client = endpoint.Client();
        var ex = await Assert.ThrowsAsync<QuarryJobException>(() => client.ParseAsync(ParseRequest.FromBytes("not a pdf"u8.ToArray())));
        Assert.Equal("UNSUPPORTED_FORMAT", ex.Code);
        Assert.NotNull(ex.JobId);
    }

    [Fact]
    public async Task An_oversized_base64_payload_is_refused_before_sending()
    {
        var hits = 0;
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/{**any}", () => { hits++; return Results.Ok(); }));
        using var client = new QuarryClient(QuarryClientOptions.ForServer(server.BaseUrl) with { RunRequestCapBytes = 1000, RunSyncRequestCapBytes = 2000, RunSyncMaxBytes = 10 });
        var ex = await Assert.ThrowsAsync<QuarryRequestException>(() => client.ParseAsync(ParseRequest.FromFile(Report)));
        Assert.Contains("URL", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, hits);
    }

    [Fact]
    public async Task A_completed_job_without_output_is_diagnosed_not_null()
    {
        await using var server = await LoopbackServer.StartAsync(app =>
            app.MapPost("/runsync", () => Results.Text("""{"id":"j1","status":"COMPLETED","delayTime":1,"executionTime":5}""", "application/json")));
        using var client = new QuarryClient(QuarryClientOptions.ForServer(server.BaseUrl));
        var ex = await Assert.ThrowsAsync<QuarryEmptyOutputException>(() => client.ParseAsync(ParseRequest.FromFile(Report)));
        Assert.Contains("20 MB", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_429_is_retried_after_retry_after_without_duplicating_the_job()
    {
        var posts = 0;
        var statusCalls = 0;
        await using var server = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/run", (HttpContext ctx) =>
            {
                if (Interlocked.Increment(ref posts) == 1)
                {
                    ctx.Response.Headers.RetryAfter = "1";
                    return Results.StatusCode(429);
                }
                return Results.Text("""{"id":"j2","status":"IN_QUEUE"}""", "application/json");
            });
            app.MapGet("/status/j2", () =>
            {
                // One transient 503 while polling: a GET is safe to repeat.
                return Interlocked.Increment(ref statusCalls) == 1
                    ? Results.StatusCode(503)
                    : Results.Text("""{"id":"j2","status":"FAILED","error":"PDF_CORRUPT: broken","output":{"ok":false,"error":"PDF_CORRUPT: broken","error_code":"PDF_CORRUPT"}}""", "application/json");
            });
        });
        using var client = new QuarryClient(QuarryClientOptions.ForServer(server.BaseUrl) with { RunSyncMaxBytes = 10, PollInitial = TimeSpan.FromMilliseconds(10) });
        var ex = await Assert.ThrowsAsync<QuarryJobException>(() => client.ParseAsync(ParseRequest.FromFile(Report)));
        Assert.Equal("PDF_CORRUPT", ex.Code);
        Assert.Equal(2, posts);
        Assert.Equal(2, statusCalls);
    }

    [Fact]
    public async Task A_status_poll_that_is_never_answered_is_abandoned_and_retried()
    {
        var statusCalls = 0;
        await using var server = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/run", () => Results.Text("""{"id":"j3","status":"IN_QUEUE"}""", "application/json"));
            app.MapGet("/status/j3", async (HttpContext ctx) =>
            {
                if (Interlocked.Increment(ref statusCalls) == 1)
                {
                    await Task.Delay(Timeout.Infinite, ctx.RequestAborted); // the first poll hangs
                }
                return Results.Text("""{"id":"j3","status":"FAILED","output":{"ok":false,"error":"PDF_CORRUPT: broken","error_code":"PDF_CORRUPT"}}""", "application/json");
            });
        });
        using var client = new QuarryClient(QuarryClientOptions.ForServer(server.BaseUrl) with
        {
            // A 2 s bound per request: wide enough that a loaded machine answers the submit and the second poll
            // in time (0.5 s was not, in a full parallel test run), short against the 60 s job timeout.
            RunSyncMaxBytes = 10, PollInitial = TimeSpan.FromMilliseconds(10), RequestTimeout = TimeSpan.FromSeconds(2), Timeout = TimeSpan.FromSeconds(60),
        });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<QuarryJobException>(() => client.ParseAsync(ParseRequest.FromFile(Report)));
        Assert.Equal("PDF_CORRUPT", ex.Code);
        Assert.True(statusCalls >= 2, $"the hung poll was never retried ({statusCalls} calls)");
        // The client went on long before its own job timeout: the hung poll was abandoned at the request bound.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_submit_that_is_never_answered_fails_clearly_and_is_not_repeated()
    {
        var posts = 0;
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/runsync", async (HttpContext ctx) =>
        {
            Interlocked.Increment(ref posts);
            await Task.Delay(Timeout.Infinite, ctx.RequestAborted);
            return Results.Ok();
        }));
        using var client = new QuarryClient(QuarryClientOptions.ForServer(server.BaseUrl) with { RequestTimeout = TimeSpan.FromMilliseconds(500), Timeout = TimeSpan.FromSeconds(20) });
        var ex = await Assert.ThrowsAsync<QuarryRequestException>(() => client.ParseAsync(ParseRequest.FromFile(Report)));
        Assert.Contains("did not answer", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, posts);
    }

    [Fact]
    public async Task A_5xx_on_submit_is_not_retried_but_a_429_is()
    {
        var posts = 0;
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/runsync", () =>
            Interlocked.Increment(ref posts) == 1 ? Results.StatusCode(429) : Results.StatusCode(503)));
        using var client = new QuarryClient(QuarryClientOptions.ForServer(server.BaseUrl));
        var ex = await Assert.ThrowsAsync<QuarryRequestException>(() => client.ParseAsync(ParseRequest.FromFile(Report)));
        Assert.Equal(503, ex.Status);
        Assert.Equal(2, posts);
    }

    [Fact]
    public async Task Unauthorized_calls_fail_with_the_status()
    {
        await using var endpoint = await LocalEndpoint.StartAsync(apiKey: "k");
        using var client = endpoint.Client(apiKey: "wrong");
        var ex = await Assert.ThrowsAsync<QuarryRequestException>(() => client.ParseAsync(ParseRequest.FromFile(Report)));
        Assert.Equal(401, ex.Status);
        using var good = endpoint.Client(apiKey: "k");
        Assert.Equal(LocalMarkdown, (await good.ParseAsync(ParseRequest.FromFile(Report))).Markdown);
    }

    [Fact]
    public void RunPod_endpoint_urls_follow_the_public_api() =>
        Assert.Equal("https://api.runpod.ai/v2/abc123/runsync", new Uri(QuarryClientOptions.ForRunPod("abc123", "key").BaseUrl, "runsync").ToString());
}
