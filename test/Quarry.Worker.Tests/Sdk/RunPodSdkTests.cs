using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Quarry.Worker.LocalApi;
using Quarry.Worker.Tests.LocalApi;

namespace Quarry.Worker.Tests.Sdk;

/// <summary>
/// <c>quarry serve</c> driven by RunPod's own JS SDK (npm runpod-sdk 1.1.2), pointed at
/// <c>http://127.0.0.1:PORT/v2</c> with an endpoint id and an API key, as a RunPod user's code would be.
/// </summary>
public sealed class RunPodSdkTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<JsonObject> _hooks = new();
    private ServeHarness _serve = null!;
    private LoopbackServer _receiver = null!;
    private RunPodSdk _sdk = null!;

    public async Task InitializeAsync()
    {
        _serve = await ServeHarness.StartAsync(new ServeOptions
        {
            ApiKey = "sdk-key",
            MinExecutionTimeout = TimeSpan.FromMilliseconds(100),
            WebhookRetryDelay = TimeSpan.FromMilliseconds(200),
        });
        _receiver = await LoopbackServer.StartAsync(app => app.MapPost("/hook", async (HttpContext ctx) =>
        {
            _hooks.Enqueue((await JsonNode.ParseAsync(ctx.Request.Body))!.AsObject());
            return Results.Ok();
        }));
        _sdk = new RunPodSdk(_serve.BaseUrl + "/v2", "sdk-key", "quarry-endpoint");
    }

    public async Task DisposeAsync()
    {
        await _serve.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    private JsonObject Slow(int ms, object? policy = null)
    {
        var request = (JsonObject)JsonSerializer.SerializeToNode(_serve.SlowJob(ms))!;
        if (policy is not null)
        {
            request["policy"] = JsonSerializer.SerializeToNode(policy);
        }
        return request;
    }

    [Fact]
    public async Task Health()
    {
        var health = await _sdk.Run("health");
        Assert.Equal(0, health["jobs"]!["inQueue"]!.GetValue<int>());
        Assert.Equal(1, health["workers"]!["idle"]!.GetValue<int>());
    }

    [Fact]
    public async Task Run_then_status()
    {
        var r = await _sdk.Run("runStatus", new { request = ServeHarness.InlineJob() });
        Assert.Equal("IN_QUEUE", r["queued"]!["status"]!.GetValue<string>());
        var final = r["final"]!;
        Assert.Equal("COMPLETED", final["status"]!.GetValue<string>());
        Assert.True(final["succeeded"]!.GetValue<bool>());
        Assert.StartsWith("# Parsing Documents", final["output"]!["results"]![0]!["markdown"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunSync_past_its_wait_follows_up_with_status_sync()
    {
        // /runsync?wait=3000 answers IN_PROGRESS; the SDK then polls /status-sync until the job ends (~4.5 s).
        var r = await _sdk.Run("runSync", new { request = Slow(4500), timeout = 3000 });
        Assert.Equal("COMPLETED", r["status"]!.GetValue<string>());
        Assert.True(r["completed"]!.GetValue<bool>());
        Assert.NotNull(r["output"]!["results"]);
    }

    [Fact]
    public async Task Cancel()
    {
        var r = await _sdk.Run("cancel", new { request = Slow(60_000) });
        Assert.Equal("CANCELLED", r["cancelled"]!["status"]!.GetValue<string>());
        Assert.Equal("CANCELLED", r["status"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task PurgeQueue()
    {
        var r = await _sdk.Run("purgeQueue", new { request = Slow(1500) });
        Assert.Equal(2, r["purged"]!["removed"]!.GetValue<int>());
        Assert.Equal("completed", r["purged"]!["status"]!.GetValue<string>());
        Assert.Equal(["CANCELLED", "CANCELLED"], r["statuses"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal("COMPLETED", r["running"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Stream()
    {
        var r = await _sdk.Run("stream", new { request = Slow(800) });
        var phases = r["chunks"]!.AsArray().Select(c => c!["output"]!["phase"]!.GetValue<string>()).ToList();
        Assert.Equal(["fetching_input", "parsing", "parsing"], phases);
        Assert.Equal("COMPLETED", r["final"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Webhook()
    {
        var request = (JsonObject)JsonSerializer.SerializeToNode(ServeHarness.InlineJob())!;
        request["webhook"] = _receiver.BaseUrl + "/hook";
        var r = await _sdk.Run("runStatus", new { request });
        var id = r["queued"]!["id"]!.GetValue<string>();
        var until = DateTime.UtcNow.AddSeconds(10);
        while (_hooks.IsEmpty && DateTime.UtcNow < until)
        {
            await Task.Delay(20);
        }
        var hook = Assert.Single(_hooks);
        Assert.Equal(id, hook["id"]!.GetValue<string>());
        Assert.Equal("COMPLETED", hook["status"]!.GetValue<string>());
        Assert.NotNull(hook["output"]!["results"]);
    }

    [Fact]
    public async Task ExecutionTimeout()
    {
        var r = await _sdk.Run("runStatus", new { request = Slow(60_000, new { executionTimeout = 1000 }) });
        var final = r["final"]!;
        Assert.Equal("TIMED_OUT", final["status"]!.GetValue<string>());
        Assert.False(final["succeeded"]!.GetValue<bool>());
        Assert.StartsWith("TIMEOUT:", final["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
