using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Quarry.Worker.LocalApi;

namespace Quarry.Worker.Tests.LocalApi;

/// <summary>RunPod's <c>policy</c>: <c>executionTimeout</c> stops a job (TIMED_OUT), <c>ttl</c> drops one not started in time.</summary>
public sealed class PolicyTests
{
    private static readonly ServeOptions LowMinimums = new() { MinExecutionTimeout = TimeSpan.FromMilliseconds(100), MinTtl = TimeSpan.FromMilliseconds(100) };

    private static object WithPolicy(ServeHarness serve, int jobMs, object policy)
    {
        var job = (JsonObject)JsonSerializer.SerializeToNode(serve.SlowJob(jobMs))!;
        job["policy"] = JsonSerializer.SerializeToNode(policy);
        return job;
    }

    [Fact]
    public async Task Execution_timeout_ends_the_job_timed_out_and_frees_its_slot()
    {
        await using var serve = await ServeHarness.StartAsync(LowMinimums);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (_, queued) = await serve.Post("/run", WithPolicy(serve, 60_000, new { executionTimeout = 1000 }));
        var id = queued["id"]!.GetValue<string>();
        var final = await serve.WaitFinal(id, TimeSpan.FromSeconds(30));
        Assert.Equal("TIMED_OUT", final["status"]!.GetValue<string>());
        Assert.StartsWith("TIMEOUT:", final["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("executionTimeout", final["output"]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        // One worker: the next job runs only if the timed-out one gave its slot back.
        var (_, next) = await serve.Post("/runsync?wait=20000", ServeHarness.InlineJob());
        Assert.Equal("COMPLETED", next["status"]!.GetValue<string>());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(25), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_job_not_started_within_its_ttl_is_dropped()
    {
        await using var serve = await ServeHarness.StartAsync(LowMinimums);
        var (_, busy) = await serve.Post("/run", serve.SlowJob(2500));
        var (_, late) = await serve.Post("/run", WithPolicy(serve, 0, new { ttl = 500 }));
        var lateId = late["id"]!.GetValue<string>();
        await Task.Delay(1800);
        using (var gone = await serve.Http.GetAsync($"/status/{lateId}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }
        Assert.Equal("COMPLETED", (await serve.WaitFinal(busy["id"]!.GetValue<string>(), TimeSpan.FromSeconds(30)))["status"]!.GetValue<string>());
        await Task.Delay(500);
        var health = (await serve.Http.GetFromJsonAsync<JsonObject>("/health"))!;
        Assert.Equal(1, health["jobs"]!["completed"]!.GetValue<int>());
        Assert.Equal(0, health["jobs"]!["inQueue"]!.GetValue<int>());
    }

    [Fact]
    public async Task Policies_outside_runpods_bounds_are_refused_at_submit()
    {
        await using var serve = await ServeHarness.StartAsync(new ServeOptions());
        foreach (var policy in new object[] { new { executionTimeout = 1000 }, new { ttl = 5000 }, new { ttl = "soon" }, "fast" })
        {
            var (r, body) = await serve.Post("/run", WithPolicy(serve, 0, policy));
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.Contains("policy", body["error"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        var (ok, _) = await serve.Post("/run", WithPolicy(serve, 0, new { executionTimeout = 5000, ttl = 10_000, lowPriority = true }));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }
}
