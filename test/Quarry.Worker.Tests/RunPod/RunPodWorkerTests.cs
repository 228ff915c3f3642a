using Microsoft.AspNetCore.Builder;
using Quarry.Tests.Shared;
using Quarry.Worker.Configuration;
using Quarry.Worker.Pipeline;
using Quarry.Worker.RunPod;
using Quarry.Worker.Telemetry;

namespace Quarry.Worker.Tests.RunPod;

public sealed class RunPodWorkerTests : IAsyncLifetime
{
    private static readonly string ReportB64 = Convert.ToBase64String(File.ReadAllBytes(RepoPaths.Sample("report.pdf")));
    private FakeRunPod _runpod = null!;

    public async Task InitializeAsync() => _runpod = await FakeRunPod.StartAsync();

    public async Task DisposeAsync() => await _runpod.DisposeAsync();

    /// <summary>Runs a worker against the fake until <paramref name="until"/> holds (or 30 s pass), then shuts it down.</summary>
    private async Task RunUntil(Func<bool> until, WorkerOptions? options = null, Func<RunPodSettings, RunPodSettings>? settings = null, JobLog? log = null, int pingMs = 100)
    {
        var env = _runpod.Environment(pingMs: pingMs);
        options ??= new WorkerOptions();
        using var services = new WorkerServices(options, JobLog.Null);
        var runpod = RunPodSettings.From(env);
        using var worker = new RunPodWorker(settings is null ? runpod : settings(runpod), options, services.Handler, log ?? JobLog.Null);
        using var stop = new CancellationTokenSource();
        var run = worker.RunAsync(stop.Token);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!until() && DateTime.UtcNow < deadline && !run.IsCompleted)
        {
            await Task.Delay(20);
        }
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Results_and_errors_are_posted_in_runpod_pythons_shapes()
    {
        _runpod.Enqueue("job-ok", new { file_b64 = ReportB64, transport = "inline", formats = new[] { "markdown" } });
        _runpod.Enqueue("job-bad", new { file_b64 = ReportB64, colour = "blue" });
        await RunUntil(() => _runpod.FinalResults().Count == 2);
        var results = _runpod.FinalResults();

        var ok = results["job-ok"];
        Assert.True(ok["output"]!["ok"]!.GetValue<bool>());
        Assert.Null(ok["error"]);
        Assert.StartsWith("# Parsing Documents", ok["output"]!["results"]![0]!["markdown"]!.GetValue<string>(), StringComparison.Ordinal);

        var bad = results["job-bad"];
        Assert.StartsWith("INVALID_INPUT:", bad["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("colour", bad["output"]!["field"]!.GetValue<string>());
        Assert.Null(bad["output"]!["error"]);

        var post = _runpod.Done.First(d => d.JobId == "job-ok");
        Assert.Equal("rp-key", post.Headers["Authorization"]);
        Assert.Equal("job-ok", post.Headers["X-Request-ID"]);
        Assert.Contains("gpu=NVIDIA", post.Query, StringComparison.Ordinal);
        Assert.Contains("&isStream=false", post.Query, StringComparison.Ordinal);
        Assert.All(_runpod.Takes, t => Assert.Matches(@"^/v2/job-take/pod-1\?gpu=NVIDIA\+RTX\+A5000&job_in_progress=[01]$", t));
    }

    [Fact]
    public async Task Takes_send_runpod_pythons_content_type_and_accept_encoding()
    {
        _runpod.Enqueue("job-h", new { file_b64 = ReportB64, transport = "inline", formats = new[] { "markdown" } });
        await RunUntil(() => _runpod.FinalResults().Count == 1);
        var headers = _runpod.TakeHeaders.First();
        Assert.Equal("application/json", headers["Content-Type"]);
        Assert.Equal("gzip, deflate", headers["Accept-Encoding"]);
        Assert.Equal("rp-key", headers["Authorization"]);
    }

    [Fact]
    public async Task A_take_without_input_is_logged_not_dropped_silently()
    {
        _runpod.EnqueueRaw(new System.Text.Json.Nodes.JsonObject { ["id"] = "job-noinput", ["webhook"] = "x" });
        _runpod.Enqueue("job-fine", new { file_b64 = ReportB64, transport = "inline", formats = new[] { "markdown" } });
        var log = new StringWriter();
        await RunUntil(() => _runpod.FinalResults().Count == 1, log: new JobLog(TextWriter.Synchronized(log), json: true));
        Assert.Equal(["job-fine"], _runpod.FinalResults().Keys);
        var line = log.ToString().Split('\n').Single(l => l.Contains("without an id or an input", StringComparison.Ordinal));
        Assert.Contains("\"job_id\":\"job-noinput\"", line, StringComparison.Ordinal);
        Assert.Contains("\"level\":\"error\"", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_on_the_stop_channel_is_cancelled_and_gets_no_result()
    {
        // The file host never answers, so the job runs until something stops it.
        await using var files = await LoopbackServer.StartAsync(app => app.MapGet("/hang.pdf", async (Microsoft.AspNetCore.Http.HttpContext ctx) =>
        {
            await Task.Delay(Timeout.Infinite, ctx.RequestAborted);
        }));
        _runpod.Enqueue("job-stop", new { file_url = files.BaseUrl + "/hang.pdf" });
        _runpod.Enqueue("job-after", new { file_b64 = ReportB64, transport = "inline", formats = new[] { "markdown" } });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var stopped = false;
        await RunUntil(() =>
        {
            if (!stopped && _runpod.Done.Any(d => d.JobId == "job-stop"))
            {
                _runpod.Stop("job-stop"); // it is running: its first progress update arrived
                stopped = true;
            }
            return _runpod.FinalResults().ContainsKey("job-after");
        }, new WorkerOptions { AllowLocalFetch = true, FetchTimeout = TimeSpan.FromMinutes(5), UpstreamTimeout = TimeSpan.FromMinutes(5) });
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        Assert.Contains("job-after", _runpod.FinalResults().Keys);
        Assert.DoesNotContain("job-stop", _runpod.FinalResults().Keys);
        Assert.All(_runpod.StopPolls, p => Assert.Equal("/v2/job-stop/pod-1?gpu=NVIDIA+RTX+A5000", p));
    }

    [Fact]
    public async Task Heartbeats_omit_an_empty_job_id_and_retry_a_503()
    {
        _runpod.FailPings(1);
        // One tick a minute: a second ping within the test can only be the retry.
        await RunUntil(() => _runpod.Pings.Count >= 2, pingMs: 60_000, settings: s => s with { PingRetryDelay = TimeSpan.FromMilliseconds(100) });
        Assert.Equal(2, _runpod.Pings.Count);
        Assert.All(_runpod.Pings, p => Assert.Matches(@"^\?gpu=NVIDIA\+RTX\+A5000&runpod_version=quarry-", p));
    }

    [Fact]
    public async Task After_a_stop_pod_result_no_more_jobs_are_taken()
    {
        _runpod.Enqueue("job-last", new { file_b64 = ReportB64, transport = "inline", formats = new[] { "markdown" } });
        _runpod.Enqueue("job-next", new { file_b64 = ReportB64, transport = "inline", formats = new[] { "markdown" } });
        // RunUntil's condition never holds: the worker must end on its own once it has asked to be recycled.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await RunUntil(() => false, new WorkerOptions { RefreshAfterJobs = 1 });
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        Assert.True(_runpod.FinalResults()["job-last"]["stopPod"]!.GetValue<bool>());
        Assert.DoesNotContain("job-next", _runpod.Done.Select(d => d.JobId));
    }

    [Fact]
    public async Task Progress_updates_arrive_before_the_result_and_never_after()
    {
        _runpod.Enqueue("job-1", new { file_b64 = ReportB64 });
        await RunUntil(() => _runpod.FinalResults().Count == 1);
        var posts = _runpod.Done.Where(d => d.JobId == "job-1").Select(d => d.Body).ToList();
        Assert.True(posts.Count >= 3);
        Assert.All(posts.SkipLast(1), p => Assert.Equal("IN_PROGRESS", p["status"]!.GetValue<string>()));
        Assert.Equal("fetching_input", posts[0]["output"]!["phase"]!.GetValue<string>());
        Assert.Null(posts[^1]["status"]);
        Assert.NotNull(posts[^1]["output"]!["results"]);
    }

    [Fact]
    public async Task Heartbeats_carry_the_jobs_in_progress_and_the_version()
    {
        // The file host takes half a second, so heartbeats come while the job is in hand and after it.
        var pdf = File.ReadAllBytes(RepoPaths.Sample("report.pdf"));
        await using var files = await LoopbackServer.StartAsync(app => app.MapGet("/slow.pdf", async () =>
        {
            await Task.Delay(500);
            return Microsoft.AspNetCore.Http.Results.Bytes(pdf, "application/pdf");
        }));
        _runpod.Enqueue("job-hb", new { file_url = files.BaseUrl + "/slow.pdf" });
        await RunUntil(() => _runpod.FinalResults().Count == 1 && _runpod.Pings.Count >= 3, new WorkerOptions { AllowLocalFetch = true });
        Assert.All(_runpod.Pings, p => Assert.Matches(@"^\?gpu=NVIDIA\+RTX\+A5000(&job_id=[^&]+)?&runpod_version=quarry-", p));
        Assert.Contains(_runpod.Pings, p => p.Contains("&job_id=job-hb&", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_5xx_on_job_done_is_retried()
    {
        _runpod.FailNextDone();
        _runpod.Enqueue("job-r", new { file_b64 = ReportB64, transport = "inline" });
        await RunUntil(() => _runpod.FinalResults().Count == 1);
        Assert.Contains("job-r", _runpod.FinalResults().Keys);
        Assert.True(_runpod.DoneAttempts > _runpod.Done.Count);
    }

    [Fact]
    public async Task A_job_done_post_that_is_never_answered_times_out_and_is_retried()
    {
        _runpod.StallNextDone();
        _runpod.Enqueue("job-stall", new { file_b64 = ReportB64, transport = "inline", formats = new[] { "markdown" } });
        _runpod.Enqueue("job-next", new { file_b64 = ReportB64, transport = "inline", formats = new[] { "markdown" } });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await RunUntil(() => _runpod.FinalResults().Count == 2, settings: s => s with { DoneTimeout = TimeSpan.FromSeconds(1) });
        Assert.Equal(["job-next", "job-stall"], _runpod.FinalResults().Keys.Order(StringComparer.Ordinal));
        Assert.True(_runpod.DoneAttempts > _runpod.Done.Count);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Concurrency_takes_jobs_in_batches()
    {
        for (var i = 0; i < 4; i++)
        {
            _runpod.Enqueue($"job-{i}", new { file_b64 = ReportB64, transport = "inline", formats = new[] { "markdown" } });
        }
        await RunUntil(() => _runpod.FinalResults().Count == 4, new WorkerOptions { MaxConcurrency = 2 });
        Assert.Equal(4, _runpod.FinalResults().Count);
        Assert.Contains(_runpod.Takes, t => t.Contains("/job-take-batch/pod-1?", StringComparison.Ordinal) && t.Contains("batch_size=2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Refresh_after_jobs_asks_runpod_to_stop_the_pod()
    {
        _runpod.Enqueue("job-a", new { file_b64 = ReportB64, transport = "inline" });
        await RunUntil(() => _runpod.FinalResults().Count == 1, new WorkerOptions { RefreshAfterJobs = 1 });
        Assert.True(_runpod.FinalResults()["job-a"]["stopPod"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Shutdown_stops_taking_jobs_but_finishes_the_one_in_hand()
    {
        // The file host takes a second to answer, so the job is still running when shutdown starts.
        var pdf = File.ReadAllBytes(RepoPaths.Sample("report.pdf"));
        await using var files = await LoopbackServer.StartAsync(app => app.MapGet("/slow.pdf", async () =>
        {
            await Task.Delay(1000);
            return Microsoft.AspNetCore.Http.Results.Bytes(pdf, "application/pdf");
        }));
        _runpod.Enqueue("job-s", new { file_url = files.BaseUrl + "/slow.pdf" });
        _runpod.Enqueue("job-never", new { file_b64 = ReportB64 });
        // Stop as soon as the first job has started (its first progress update arrived).
        await RunUntil(() => _runpod.Done.Any(d => d.JobId == "job-s"), new WorkerOptions { AllowLocalFetch = true });
        Assert.Contains("job-s", _runpod.FinalResults().Keys);
        Assert.DoesNotContain("job-never", _runpod.Done.Select(d => d.JobId));
    }

    [Fact]
    public void Job_done_attempts_get_runpod_pythons_600_seconds()
    {
        var s = RunPodSettings.From(new Dictionary<string, string> { ["RUNPOD_WEBHOOK_GET_JOB"] = "https://api.example/v2/job-take/$RUNPOD_POD_ID?gpu=A", ["RUNPOD_WEBHOOK_POST_OUTPUT"] = "https://x/$ID" });
        Assert.Equal(TimeSpan.FromSeconds(600), s.DoneTimeout);
        Assert.Equal("https://api.example/v2/job-stop/local?gpu=A", s.StopUrl);
    }

    [Fact]
    public void Settings_fill_placeholders_and_append_queries()
    {
        var s = RunPodSettings.From(new Dictionary<string, string>
        {
            ["RUNPOD_WEBHOOK_GET_JOB"] = "https://api.example/v2/job-take/$RUNPOD_POD_ID",
            ["RUNPOD_WEBHOOK_POST_OUTPUT"] = "https://api.example/v2/job-done/$RUNPOD_POD_ID/$ID?gpu=A",
            ["RUNPOD_POD_ID"] = "p9",
        });
        Assert.Equal("https://api.example/v2/job-take/p9?job_in_progress=0", RunPodSettings.Expand(s.TakeUrl, s.PodId, ("job_in_progress", "0")));
        Assert.Equal("https://api.example/v2/job-done/p9/j1?gpu=A&isStream=false", RunPodSettings.Expand(s.DoneUrl, "j1", ("isStream", "false")));
        Assert.False(RunPodSettings.Present(new Dictionary<string, string>()));
    }
}
