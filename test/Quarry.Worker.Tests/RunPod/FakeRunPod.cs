using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Quarry.Worker.Tests.RunPod;

/// <summary>
/// A fake of RunPod's worker-facing job service on loopback, speaking its HTTP protocol: job-take (single and
/// batch) long-poll, job-done posts (results and IN_PROGRESS updates), the heartbeat, and the job-stop channel.
/// </summary>
public sealed class FakeRunPod : IAsyncDisposable
{
    private readonly ConcurrentQueue<JsonNode> _jobs = new();
    private readonly ConcurrentQueue<string> _toStop = new();
    private int _failPings;
    private LoopbackServer _server = null!;
    private int _failNextDone;
    private int _stallNextDone;

    public ConcurrentQueue<(string JobId, JsonObject Body, Dictionary<string, string> Headers, string Query)> Done { get; } = new();
    public ConcurrentQueue<string> Takes { get; } = new();
    public ConcurrentQueue<Dictionary<string, string>> TakeHeaders { get; } = new();
    public ConcurrentQueue<string> StopPolls { get; } = new();
    public ConcurrentQueue<string> Pings { get; } = new();
    public int DoneAttempts;

    public static async Task<FakeRunPod> StartAsync()
    {
        var fake = new FakeRunPod();
        fake._server = await LoopbackServer.StartAsync(fake.Map);
        return fake;
    }

    public void Enqueue(string id, object input) => _jobs.Enqueue(new JsonObject { ["id"] = id, ["input"] = JsonSerializer.SerializeToNode(input) });

    /// <summary>Queues a take answer as given, well-formed or not.</summary>
    public void EnqueueRaw(JsonNode job) => _jobs.Enqueue(job);

    /// <summary>The next job-stop poll answers <c>{"jobsToStop": [id]}</c>.</summary>
    public void Stop(string id) => _toStop.Enqueue(id);

    /// <summary>The next <paramref name="n"/> heartbeats answer 503.</summary>
    public void FailPings(int n) => Interlocked.Exchange(ref _failPings, n);

    /// <summary>The next job-done POST answers 500 (RunPod's side hiccups).</summary>
    public void FailNextDone() => Interlocked.Exchange(ref _failNextDone, 1);

    /// <summary>The next job-done POST is accepted and never answered (RunPod's side hangs).</summary>
    public void StallNextDone() => Interlocked.Exchange(ref _stallNextDone, 1);

    public Dictionary<string, string> Environment(string pod = "pod-1", int pingMs = 100) => new()
    {
        // Production URLs already carry a query; the worker must append with '&'.
        ["RUNPOD_WEBHOOK_GET_JOB"] = $"{_server.BaseUrl}/v2/job-take/$RUNPOD_POD_ID?gpu=NVIDIA+RTX+A5000",
        ["RUNPOD_WEBHOOK_POST_OUTPUT"] = $"{_server.BaseUrl}/v2/job-done/$RUNPOD_POD_ID/$ID?gpu=NVIDIA+RTX+A5000",
        ["RUNPOD_WEBHOOK_PING"] = $"{_server.BaseUrl}/v2/ping/$RUNPOD_POD_ID?gpu=NVIDIA+RTX+A5000",
        ["RUNPOD_PING_INTERVAL"] = pingMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RUNPOD_POD_ID"] = pod,
        ["RUNPOD_AI_API_KEY"] = "rp-key",
    };

    private void Map(WebApplication app)
    {
        app.MapGet("/v2/job-take/{pod}", (HttpContext ctx) =>
        {
            Takes.Enqueue(ctx.Request.Path + ctx.Request.QueryString);
            TakeHeaders.Enqueue(ctx.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase));
            return _jobs.TryDequeue(out var job) ? Results.Text(job.ToJsonString(), "application/json") : Results.StatusCode(204);
        });
        app.MapGet("/v2/job-take-batch/{pod}", (HttpContext ctx) =>
        {
            Takes.Enqueue(ctx.Request.Path + ctx.Request.QueryString);
            var n = int.Parse(ctx.Request.Query["batch_size"]!, System.Globalization.CultureInfo.InvariantCulture);
            var batch = new JsonArray();
            while (batch.Count < n && _jobs.TryDequeue(out var job))
            {
                batch.Add(job);
            }
            return batch.Count == 0 ? Results.StatusCode(204) : Results.Text(batch.ToJsonString(), "application/json");
        });
        app.MapPost("/v2/job-done/{pod}/{job}", async (HttpContext ctx, string job) =>
        {
            Interlocked.Increment(ref DoneAttempts);
            if (Interlocked.Exchange(ref _failNextDone, 0) == 1)
            {
                return Results.StatusCode(500);
            }
            if (Interlocked.Exchange(ref _stallNextDone, 0) == 1)
            {
                await Task.Delay(Timeout.Infinite, ctx.RequestAborted);
            }
            var body = (await JsonNode.ParseAsync(ctx.Request.Body))!.AsObject();
            // Kestrel recycles the header collection after the request: keep a copy.
            var headers = ctx.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            Done.Enqueue((job, body, headers, ctx.Request.QueryString.Value ?? ""));
            return Results.Ok();
        });
        app.MapGet("/v2/ping/{pod}", (HttpContext ctx) =>
        {
            Pings.Enqueue(ctx.Request.QueryString.Value ?? "");
            return Interlocked.Decrement(ref _failPings) >= 0 ? Results.StatusCode(503) : Results.Ok();
        });
        app.MapGet("/v2/job-stop/{pod}", (HttpContext ctx) =>
        {
            StopPolls.Enqueue(ctx.Request.Path + ctx.Request.QueryString);
            var ids = new JsonArray();
            while (_toStop.TryDequeue(out var id))
            {
                ids.Add(id);
            }
            return ids.Count == 0 ? Results.StatusCode(204) : Results.Text(new JsonObject { ["jobsToStop"] = ids }.ToJsonString(), "application/json");
        });
    }

    /// <summary>Final results only (not IN_PROGRESS updates), by job id.</summary>
    public Dictionary<string, JsonObject> FinalResults() =>
        Done.Where(d => d.Body["status"]?.GetValue<string>() != "IN_PROGRESS").ToDictionary(d => d.JobId, d => d.Body);

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();
}
