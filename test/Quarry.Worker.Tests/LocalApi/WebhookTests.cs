using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Quarry.Worker.LocalApi;

namespace Quarry.Worker.Tests.LocalApi;

/// <summary>RunPod's <c>webhook</c>: the status body POSTed when a job ends, retried, guarded like file_url, off the worker slots.</summary>
public sealed class WebhookTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<(JsonObject Body, DateTime At)> _received = new();
    private LoopbackServer _receiver = null!;
    private int _refuse;

    public async Task InitializeAsync() => _receiver = await LoopbackServer.StartAsync(app =>
    {
        app.MapPost("/hook", async (HttpContext ctx) =>
        {
            var body = (await JsonNode.ParseAsync(ctx.Request.Body))!.AsObject();
            _received.Enqueue((body, DateTime.UtcNow));
            return Interlocked.Decrement(ref _refuse) >= 0 ? Results.StatusCode(500) : Results.Ok();
        });
        app.MapPost("/hang", async (HttpContext ctx) => await Task.Delay(Timeout.Infinite, ctx.RequestAborted));
    });

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    private static object WithWebhook(string url) => new
    {
        input = new { file_b64 = Convert.ToBase64String(ServeHarness.Report), transport = "inline", formats = new[] { "markdown" } },
        webhook = url,
    };

    private async Task WaitReceived(int n, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (_received.Count < n && DateTime.UtcNow < until)
        {
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task The_status_body_is_posted_when_the_job_ends()
    {
        await using var serve = await ServeHarness.StartAsync(new ServeOptions());
        var (_, done) = await serve.Post("/v2/ep/runsync", WithWebhook(_receiver.BaseUrl + "/hook"));
        await WaitReceived(1, TimeSpan.FromSeconds(10));
        var (body, _) = Assert.Single(_received);
        Assert.Equal(done["id"]!.GetValue<string>(), body["id"]!.GetValue<string>());
        Assert.Equal("COMPLETED", body["status"]!.GetValue<string>());
        Assert.StartsWith("# Parsing Documents", body["output"]!["results"]![0]!["markdown"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(body["executionTime"]);
    }

    [Fact]
    public async Task A_refusing_receiver_gets_two_more_attempts_apart_and_no_more()
    {
        _refuse = 5;
        await using var serve = await ServeHarness.StartAsync(new ServeOptions { WebhookRetryDelay = TimeSpan.FromMilliseconds(400) });
        await serve.Post("/runsync", WithWebhook(_receiver.BaseUrl + "/hook"));
        await WaitReceived(3, TimeSpan.FromSeconds(10));
        await Task.Delay(1000);
        var times = _received.Select(r => r.At).ToList();
        Assert.Equal(3, times.Count);
        Assert.All(times.Zip(times.Skip(1)), p => Assert.True(p.Second - p.First >= TimeSpan.FromMilliseconds(350), $"{(p.Second - p.First).TotalMilliseconds} ms apart"));
    }

    [Fact]
    public async Task A_webhook_that_hangs_does_not_hold_the_worker_slot()
    {
        await using var serve = await ServeHarness.StartAsync(new ServeOptions());
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 3; i++)
        {
            var (_, done) = await serve.Post("/runsync", WithWebhook(_receiver.BaseUrl + "/hang"));
            Assert.Equal("COMPLETED", done["status"]!.GetValue<string>());
        }
        // Each hanging delivery waits out its 30 s attempt timeout; jobs must not wait behind it.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Private_addresses_are_refused_as_for_file_url()
    {
        await using var serve = await ServeHarness.StartAsync(new ServeOptions(), allowLocalFetch: false);
        var (r, refused) = await serve.Post("/run", WithWebhook(_receiver.BaseUrl + "/hook"));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Contains("QUARRY_ALLOW_LOCAL_FETCH", refused["error"]!.GetValue<string>(), StringComparison.Ordinal);
        foreach (var bad in new[] { "ftp://example.com/hook", "not a url", "http://169.254.169.254/latest" })
        {
            var (code, _) = await serve.Post("/run", WithWebhook(bad));
            Assert.Equal(HttpStatusCode.BadRequest, code.StatusCode);
        }
        // A host name is judged where the socket connects: localhost passes submit, and is never called.
        var port = new Uri(_receiver.BaseUrl).Port;
        var (accepted, done) = await serve.Post("/runsync", WithWebhook($"http://localhost:{port}/hook"));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("COMPLETED", done["status"]!.GetValue<string>());
        await Task.Delay(1500);
        Assert.Empty(_received);
    }

    [Fact]
    public void The_default_retry_delay_is_runpods_ten_seconds() =>
        Assert.Equal(TimeSpan.FromSeconds(10), new ServeOptions().WebhookRetryDelay);
}
