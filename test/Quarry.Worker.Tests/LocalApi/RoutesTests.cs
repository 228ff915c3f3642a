using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Quarry.Worker.LocalApi;

namespace Quarry.Worker.Tests.LocalApi;

/// <summary>RunPod's endpoint routes beyond run/status: prefixes, auth forms, status-sync, stream, purge-queue, retry, retention.</summary>
public sealed class RoutesTests
{
    [Fact]
    public async Task Every_route_answers_under_v2_endpoint_and_endpoint_prefixes_too()
    {
        await using var serve = await ServeHarness.StartAsync(new ServeOptions());
        var (r, body) = await serve.Post("/v2/ep-123/runsync", ServeHarness.InlineJob());
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("COMPLETED", body["status"]!.GetValue<string>());
        var id = body["id"]!.GetValue<string>();
        foreach (var path in new[] { $"/v2/ep-123/status/{id}", $"/ep-123/status/{id}", $"/status/{id}", "/v2/any/health", "/any/health" })
        {
            using var answer = await serve.Http.GetAsync(path);
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{path}: {(int)answer.StatusCode}");
        }
        using var unknown = await serve.Http.GetAsync("/v2/ep-123/nothing/here");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task The_api_key_is_taken_raw_or_after_bearer_in_any_case()
    {
        await using var serve = await ServeHarness.StartAsync(new ServeOptions { ApiKey = "k3y" });
        async Task<HttpStatusCode> Health(string? auth)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v2/ep/health");
            if (auth is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", auth);
            }
            using var response = await serve.Http.SendAsync(request);
            return response.StatusCode;
        }
        Assert.Equal(HttpStatusCode.OK, await Health("k3y"));
        Assert.Equal(HttpStatusCode.OK, await Health("Bearer k3y"));
        Assert.Equal(HttpStatusCode.OK, await Health("bearer k3y"));
        Assert.Equal(HttpStatusCode.OK, await Health("BEARER k3y"));
        Assert.Equal(HttpStatusCode.Unauthorized, await Health("Bearer k3yy"));
        Assert.Equal(HttpStatusCode.Unauthorized, await Health("Basic k3y"));
        Assert.Equal(HttpStatusCode.Unauthorized, await Health(null));
    }

    [Fact]
    public async Task Status_sync_waits_for_the_job_to_end()
    {
        await using var serve = await ServeHarness.StartAsync(new ServeOptions());
        var (_, queued) = await serve.Post("/run", serve.SlowJob(1500));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var done = (await serve.Http.GetFromJsonAsync<JsonObject>($"/v2/ep/status-sync/{queued["id"]}?wait=20000"))!;
        Assert.Equal("COMPLETED", done["status"]!.GetValue<string>());
        Assert.NotNull(done["output"]!["results"]);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Stream_gives_each_progress_record_once_as_runpods_chunks()
    {
        await using var serve = await ServeHarness.StartAsync(new ServeOptions());
        var (_, queued) = await serve.Post("/v2/ep/run", serve.SlowJob(800));
        var id = queued["id"]!.GetValue<string>();
        var chunks = new List<JsonNode>();
        var until = DateTime.UtcNow.AddSeconds(30);
        JsonObject answer;
        do
        {
            answer = (await serve.Http.GetFromJsonAsync<JsonObject>($"/v2/ep/stream/{id}"))!;
            chunks.AddRange(answer["stream"]!.AsArray().Select(c => c!.DeepClone()));
            await Task.Delay(100);
        }
        while (answer["status"]!.GetValue<string>() is "IN_QUEUE" or "IN_PROGRESS" && DateTime.UtcNow < until);
        Assert.Equal("COMPLETED", answer["status"]!.GetValue<string>());
        var phases = chunks.Select(c => c["output"]!["phase"]!.GetValue<string>()).ToList();
        Assert.Equal(["fetching_input", "parsing", "parsing"], phases);
        Assert.Empty((await serve.Http.GetFromJsonAsync<JsonObject>($"/stream/{id}"))!["stream"]!.AsArray());
    }

    [Fact]
    public async Task Purge_queue_cancels_waiting_jobs_and_leaves_the_running_one()
    {
        await using var serve = await ServeHarness.StartAsync(new ServeOptions());
        var (_, running) = await serve.Post("/run", serve.SlowJob(1500));
        var waiting = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            waiting.Add((await serve.Post("/run", serve.SlowJob(1500))).Body["id"]!.GetValue<string>());
        }
        while ((await serve.Status(running["id"]!.GetValue<string>()))["status"]!.GetValue<string>() == "IN_QUEUE")
        {
            await Task.Delay(20);
        }
        var (r, purged) = await serve.Post("/v2/ep/purge-queue", new { });
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal(2, purged["removed"]!.GetValue<int>());
        Assert.Equal("completed", purged["status"]!.GetValue<string>());
        Assert.All(waiting, id => Assert.Equal("CANCELLED", serve.Status(id).Result["status"]!.GetValue<string>()));
        Assert.Equal("COMPLETED", (await serve.WaitFinal(running["id"]!.GetValue<string>(), TimeSpan.FromSeconds(30)))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Retry_requeues_a_failed_job_under_its_id_and_refuses_a_completed_one()
    {
        await using var serve = await ServeHarness.StartAsync(new ServeOptions());
        var (_, failed) = await serve.Post("/runsync", new { input = new { file_url = serve.FilesUrl + "/missing.pdf" } });
        Assert.Equal("FAILED", failed["status"]!.GetValue<string>());
        var id = failed["id"]!.GetValue<string>();
        var (r, retried) = await serve.Post($"/v2/ep/retry/{id}", new { });
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal(id, retried["id"]!.GetValue<string>());
        Assert.Equal("IN_QUEUE", retried["status"]!.GetValue<string>());
        var again = await serve.WaitFinal(id, TimeSpan.FromSeconds(30));
        Assert.Equal("FAILED", again["status"]!.GetValue<string>());
        Assert.Equal("FETCH_FAILED", again["output"]!["error_code"]!.GetValue<string>());
        Assert.Equal(1, (await serve.Http.GetFromJsonAsync<JsonObject>("/health"))!["jobs"]!["retried"]!.GetValue<int>());

        var (_, ok) = await serve.Post("/runsync", ServeHarness.InlineJob());
        var (refused, why) = await serve.Post($"/retry/{ok["id"]}", new { });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("COMPLETED", why["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runsync_results_are_kept_for_their_shorter_retention()
    {
        await using var serve = await ServeHarness.StartAsync(new ServeOptions { SyncResultRetention = TimeSpan.FromSeconds(1) });
        var (_, sync) = await serve.Post("/runsync", ServeHarness.InlineJob());
        var (_, queued) = await serve.Post("/run", ServeHarness.InlineJob());
        var asyncId = queued["id"]!.GetValue<string>();
        Assert.Equal("COMPLETED", (await serve.WaitFinal(asyncId, TimeSpan.FromSeconds(30)))["status"]!.GetValue<string>());
        await Task.Delay(3000);
        using var gone = await serve.Http.GetAsync($"/status/{sync["id"]}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("COMPLETED", (await serve.Status(asyncId))["status"]!.GetValue<string>());
    }

    [Fact]
    public void The_default_runsync_retention_is_runpods_minute() =>
        Assert.Equal(TimeSpan.FromMinutes(1), ServeOptions.FromVariables(new Dictionary<string, string>()).SyncResultRetention);

    [Fact]
    public async Task A_ttl_on_status_shortens_a_results_life()
    {
        await using var serve = await ServeHarness.StartAsync(new ServeOptions());
        var (_, queued) = await serve.Post("/run", ServeHarness.InlineJob());
        var id = queued["id"]!.GetValue<string>();
        Assert.Equal("COMPLETED", (await serve.WaitFinal(id, TimeSpan.FromSeconds(30)))["status"]!.GetValue<string>());
        using (var set = await serve.Http.GetAsync($"/v2/ep/status/{id}?ttl=500"))
        {
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        }
        await Task.Delay(2500);
        using var gone = await serve.Http.GetAsync($"/status/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }
}
