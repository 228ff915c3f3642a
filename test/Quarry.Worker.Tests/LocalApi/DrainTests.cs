using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Quarry.Worker.LocalApi;

namespace Quarry.Worker.Tests.LocalApi;

/// <summary>What <c>quarry serve</c> does on SIGTERM (<see cref="JobQueue.DrainAsync"/>), driven over real HTTP.</summary>
public sealed class DrainTests
{
    [Fact]
    public async Task Draining_refuses_new_jobs_but_finishes_running_and_queued_ones_and_keeps_answering()
    {
        await using var serve = await ServeHarness.StartAsync(new ServeOptions { DrainTimeout = TimeSpan.FromSeconds(60), DrainLinger = TimeSpan.FromSeconds(30) });
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var (_, queued) = await serve.Post("/run", serve.SlowJob(ms: 700));
            ids.Add(queued["id"]!.GetValue<string>());
        }
        var drain = serve.Queue.DrainAsync();

        var (refused, body) = await serve.Post("/run", serve.SlowJob(ms: 0));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Contains("shutting down", body["error"]!.GetValue<string>(), StringComparison.Ordinal);
        var health = (await serve.Http.GetFromJsonAsync<JsonObject>("/health"))!;
        Assert.True(health["draining"]!.GetValue<bool>());

        // Every job accepted before the drain completes, and its result can be fetched while the server drains.
        foreach (var id in ids)
        {
            var final = await serve.WaitFinal(id, TimeSpan.FromSeconds(60));
            Assert.Equal("COMPLETED", final["status"]!.GetValue<string>());
            Assert.Contains("Parsing Documents with Quarry", final["output"]!["results"]![0]!["markdown"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        // All results fetched: the drain ends without waiting out its 30 s linger.
        var clock = Stopwatch.StartNew();
        await drain.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Jobs_left_after_the_drain_timeout_fail_with_a_clear_code()
    {
        await using var serve = await ServeHarness.StartAsync(new ServeOptions { DrainTimeout = TimeSpan.FromSeconds(1), DrainLinger = TimeSpan.FromSeconds(10) });
        var (_, running) = await serve.Post("/run", serve.SlowJob(ms: 120_000));
        var (_, queued) = await serve.Post("/run", serve.SlowJob(ms: 120_000));
        var drain = serve.Queue.DrainAsync();
        foreach (var id in new[] { running["id"]!.GetValue<string>(), queued["id"]!.GetValue<string>() })
        {
            var final = await serve.WaitFinal(id, TimeSpan.FromSeconds(30));
            Assert.Equal("FAILED", final["status"]!.GetValue<string>());
            Assert.Equal("TIMEOUT", final["output"]!["error_code"]!.GetValue<string>());
            Assert.Contains("shut down", final["error"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        await drain.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, serve.Queue.Running);
    }
}
