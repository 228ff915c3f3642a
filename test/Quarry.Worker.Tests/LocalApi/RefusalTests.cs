using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Quarry.Worker.LocalApi;

namespace Quarry.Worker.Tests.LocalApi;

/// <summary>Every refusal of <c>quarry serve</c> is a JSON body a caller can act on, and refused work takes no capacity.</summary>
public sealed class RefusalTests
{
    private static async Task<JsonObject> ErrorBody(HttpResponseMessage r)
    {
        Assert.Equal("application/json", r.Content.Headers.ContentType?.MediaType);
        var body = (await r.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.False(string.IsNullOrWhiteSpace(body["error"]?.GetValue<string>()));
        return body;
    }

    [Fact]
    public async Task Unknown_routes_wrong_methods_and_oversized_bodies_get_json_errors()
    {
        await using var serve = await ServeHarness.StartAsync(new ServeOptions());
        using var missing = await serve.Http.GetAsync("/nowhere");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("/run", (await ErrorBody(missing))["error"]!.GetValue<string>(), StringComparison.Ordinal);

        using var wrongMethod = await serve.Http.GetAsync("/run");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        await ErrorBody(wrongMethod);

        using var unknownJob = await serve.Http.GetAsync("/status/nope");
        Assert.Equal(HttpStatusCode.NotFound, unknownJob.StatusCode);
        await ErrorBody(unknownJob);

        var huge = "{\"input\":{\"file_b64\":\"" + new string('A', 31 * 1024 * 1024) + "\"}}";
        // Expect: 100-continue lets the server refuse before the body is sent, as curl does for large bodies.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/run") { Content = new StringContent(huge, Encoding.UTF8, "application/json") };
        request.Headers.ExpectContinue = true;
        using var tooBig = await serve.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
        Assert.Contains("file_url", (await ErrorBody(tooBig))["error"]!.GetValue<string>(), StringComparison.Ordinal);

        using var notJson = await serve.Http.PostAsync("/run", new StringContent("{oops", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        await ErrorBody(notJson);
    }

    [Fact]
    public async Task A_full_queue_answers_429_with_retry_after()
    {
        await using var serve = await ServeHarness.StartAsync(new ServeOptions { QueueCapacity = 1 });
        await serve.Post("/run", serve.SlowJob(ms: 5_000)); // running
        await serve.Post("/run", serve.SlowJob(ms: 5_000)); // waiting: the queue is full
        await Task.Delay(200);
        var (full, body) = await serve.Post("/run", serve.SlowJob(ms: 0));
        Assert.Equal(HttpStatusCode.TooManyRequests, full.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), full.Headers.RetryAfter?.Delta);
        Assert.Contains("queue is full", body["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Waiting_request_bodies_are_bounded_in_bytes_but_one_job_may_always_wait()
    {
        await using var serve = await ServeHarness.StartAsync(new ServeOptions { QueueMaxBytes = 50 });
        await serve.Post("/run", serve.SlowJob(ms: 5_000)); // running: its body is off the queue's account
        await Task.Delay(300);
        var (alone, _) = await serve.Post("/run", serve.SlowJob(ms: 0)); // over 50 bytes, but alone in the queue
        Assert.Equal(HttpStatusCode.OK, alone.StatusCode);
        var (second, body) = await serve.Post("/run", serve.SlowJob(ms: 0));
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.NotNull(second.Headers.RetryAfter);
        Assert.Contains("queue is full", body["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_jobs_are_answered_at_submit_and_never_queued()
    {
        await using var serve = await ServeHarness.StartAsync(new ServeOptions { QueueCapacity = 1 });
        await serve.Post("/run", serve.SlowJob(ms: 3_000)); // occupies the only worker
        await Task.Delay(200);
        for (var i = 0; i < 5; i++)
        {
            var (r, body) = await serve.Post("/run", new { input = new { file_b64 = "eA==", transport = "pigeon" } });
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.Equal("FAILED", body["status"]!.GetValue<string>());
            var status = await serve.Status(body["id"]!.GetValue<string>());
            Assert.Equal("INVALID_INPUT", status["output"]!["error_code"]!.GetValue<string>());
            Assert.Equal("transport", status["output"]!["field"]!.GetValue<string>());
        }
        // They took no queue room: the one queue slot is still free.
        var (accepted, queued) = await serve.Post("/run", serve.SlowJob(ms: 0));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("IN_QUEUE", queued["status"]!.GetValue<string>());
        var sync = await serve.Post("/runsync", new { input = new { file_b64 = "eA==", start_page = -1 } });
        Assert.Equal("FAILED", sync.Body["status"]!.GetValue<string>());
        Assert.Equal("start_page", sync.Body["output"]!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Retained_results_are_bounded_and_an_evicted_one_says_so()
    {
        // Memory holds nothing; the disk holds about one result: older results are evicted, newer ones stay.
        await using var serve = await ServeHarness.StartAsync(new ServeOptions { ResultMemoryBytes = 0, ResultDiskBytes = 60_000 });
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var (_, body) = await serve.Post("/runsync", new { input = new { file_b64 = Convert.ToBase64String(ServeHarness.Report), transport = "tarball_b64" } });
            Assert.Equal("COMPLETED", body["status"]!.GetValue<string>());
            ids.Add(body["id"]!.GetValue<string>());
        }
        Assert.Equal(0, serve.Queue.Results.MemoryBytes);
        Assert.InRange(serve.Queue.Results.DiskBytes, 1, 60_000);
        using var evicted = await serve.Http.GetAsync($"/status/{ids[0]}");
        Assert.Equal(HttpStatusCode.Gone, evicted.StatusCode);
        Assert.Contains("evicted", (await ErrorBody(evicted))["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("COMPLETED", (await serve.Status(ids[2]))["status"]!.GetValue<string>());
    }
}
