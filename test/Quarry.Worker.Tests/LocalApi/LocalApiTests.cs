using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Quarry.Tests.Shared;
using Quarry.Worker.Configuration;
using Quarry.Worker.LocalApi;
using Quarry.Worker.Pipeline;
using Quarry.Worker.Telemetry;

namespace Quarry.Worker.Tests.LocalApi;

/// <summary>Drives <c>quarry serve</c>'s API over real HTTP on a loopback port.</summary>
public sealed class LocalApiTests : IAsyncLifetime
{
    private static readonly string ReportB64 = Convert.ToBase64String(File.ReadAllBytes(RepoPaths.Sample("report.pdf")));
    private WorkerServices _services = null!;
    private WebApplication _app = null!;
    private HttpClient _http = null!;
    private LoopbackServer _files = null!;

    public async Task InitializeAsync()
    {
        // A file host that never finishes answering: jobs fetching from it run until cancelled.
        _files = await LoopbackServer.StartAsync(app => app.MapGet("/slow.pdf", async (Microsoft.AspNetCore.Http.HttpContext ctx) =>
        {
            await Task.Delay(TimeSpan.FromMinutes(5), ctx.RequestAborted);
            return Microsoft.AspNetCore.Http.Results.Ok();
        }));
        _services = new WorkerServices(new WorkerOptions { MaxConcurrency = 2, ResultCapBytes = 5_000_000, AllowLocalFetch = true }, JobLog.Null);
        _app = LocalApiServer.Build(_services, new ServeOptions { QueueCapacity = 4, ApiKey = "sekret" }, "http://127.0.0.1:0");
        await _app.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
        _http.DefaultRequestHeaders.Authorization = new("Bearer", "sekret");
    }

    public async Task DisposeAsync()
    {
        await _files.DisposeAsync();
        _http.Dispose();
        await _app.DisposeAsync();
        _services.Dispose();
    }

    private async Task<JsonObject> Post(string path, object body)
    {
        using var r = await _http.PostAsJsonAsync(path, body);
        return (await r.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    [Fact]
    public async Task Runsync_returns_runpods_shape_with_the_parse_inline()
    {
        var r = await Post("/runsync", new { input = new { file_b64 = ReportB64, basename = "report", transport = "inline" } });
        Assert.Equal("COMPLETED", r["status"]!.GetValue<string>());
        Assert.NotNull(r["id"]);
        Assert.NotNull(r["executionTime"]);
        var output = r["output"]!;
        Assert.True(output["ok"]!.GetValue<bool>());
        var result = output["results"]![0]!;
        Assert.Equal("inline", result["transport"]!.GetValue<string>());
        Assert.StartsWith("# Parsing Documents with Quarry", result["markdown"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(2, result["page_range"]!["pages"]!.GetValue<int>());
        foreach (var phase in new[] { "fetch_input", "parse", "package", "deliver" })
        {
            Assert.NotNull(output["debug"]!["phase_ms"]![phase]);
        }
    }

    [Fact]
    public async Task Run_then_status_polls_to_completion()
    {
        var queued = await Post("/run", new { input = new { file_b64 = ReportB64 } });
        Assert.Equal("IN_QUEUE", queued["status"]!.GetValue<string>());
        var id = queued["id"]!.GetValue<string>();
        JsonObject status;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        do
        {
            await Task.Delay(50);
            status = (await _http.GetFromJsonAsync<JsonObject>($"/status/{id}"))!;
        }
        while (status["status"]!.GetValue<string>() is "IN_QUEUE" or "IN_PROGRESS" && DateTime.UtcNow < deadline);
        Assert.Equal("COMPLETED", status["status"]!.GetValue<string>());
        var tarball = Convert.FromBase64String(status["output"]!["results"]![0]!["tarball_b64"]!.GetValue<string>());
        Assert.Contains("doc/doc.md", Delivery.DelivererTests.ReadTarGz(tarball).Keys);
    }

    [Fact]
    public async Task A_bad_job_fails_with_its_code_and_the_server_keeps_serving()
    {
        var bad = await Post("/runsync", new { input = new { file_b64 = Convert.ToBase64String("not a pdf at all"u8.ToArray()) } });
        Assert.Equal("FAILED", bad["status"]!.GetValue<string>());
        Assert.StartsWith("UNSUPPORTED_FORMAT:", bad["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("UNSUPPORTED_FORMAT", bad["output"]!["error_code"]!.GetValue<string>());
        var invalid = await Post("/runsync", new { input = new { file_b64 = ReportB64, transport = "pigeon" } });
        Assert.Equal("transport", invalid["output"]!["field"]!.GetValue<string>());
        var good = await Post("/runsync", new { input = new { file_b64 = ReportB64 } });
        Assert.Equal("COMPLETED", good["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_result_over_the_cap_fails_loudly_instead_of_vanishing()
    {
        var big = await Post("/runsync", new { input = new { file_b64 = ReportB64, transport = "tarball_b64" } });
        Assert.Equal("COMPLETED", big["status"]!.GetValue<string>()); // 5 MB cap: the sample fits
        await using var tiny = new TinyCapServer();
        var r = await tiny.Post("/runsync", new { input = new { file_b64 = ReportB64 } });
        Assert.Equal("FAILED", r["status"]!.GetValue<string>());
        Assert.Equal("RESULT_TOO_LARGE", r["output"]!["error_code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_ids_are_404_and_cancel_marks_cancelled()
    {
        using var missing = await _http.GetAsync("/status/nope");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var queued = await Post("/run", new { input = new { file_url = _files.BaseUrl + "/slow.pdf" } });
        var id = queued["id"]!.GetValue<string>();
        var cancelled = await Post($"/cancel/{id}", new { });
        Assert.Equal("CANCELLED", cancelled["status"]!.GetValue<string>());
        var status = (await _http.GetFromJsonAsync<JsonObject>($"/status/{id}"))!;
        Assert.Equal("CANCELLED", status["status"]!.GetValue<string>());
        // The worker slot is free again: a new job completes.
        var next = await Post("/runsync", new { input = new { file_b64 = ReportB64 } });
        Assert.Equal("COMPLETED", next["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Requests_without_the_token_or_input_are_refused()
    {
        using var anonymous = new HttpClient { BaseAddress = _http.BaseAddress };
        using var r = await anonymous.PostAsJsonAsync("/run", new { input = new { file_b64 = ReportB64 } });
        Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        using var noInput = await _http.PostAsJsonAsync("/run", new { inputs = new { } });
        Assert.Equal(HttpStatusCode.BadRequest, noInput.StatusCode);
        using var notJson = await _http.PostAsync("/run", new StringContent("{oops"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
    }

    [Fact]
    public async Task Health_counts_jobs_and_workers()
    {
        await Post("/runsync", new { input = new { file_b64 = ReportB64 } });
        var health = (await _http.GetFromJsonAsync<JsonObject>("/health"))!;
        Assert.True(health["jobs"]!["completed"]!.GetValue<int>() >= 1);
        Assert.Equal(2, health["workers"]!["idle"]!.GetValue<int>() + health["workers"]!["running"]!.GetValue<int>());
    }

    /// <summary>A second server whose result cap is smaller than any real result.</summary>
    private sealed class TinyCapServer : IAsyncDisposable
    {
        private readonly WorkerServices _services = new(new WorkerOptions { ResultCapBytes = 1_000 }, JobLog.Null);
        private readonly WebApplication _app;
        private readonly HttpClient _http;

        public TinyCapServer()
        {
            _app = LocalApiServer.Build(_services, new ServeOptions(), "http://127.0.0.1:0");
            _app.StartAsync().GetAwaiter().GetResult();
            _http = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
        }

        public async Task<JsonObject> Post(string path, object body)
        {
            using var r = await _http.PostAsJsonAsync(path, body);
            return (await r.Content.ReadFromJsonAsync<JsonObject>())!;
        }

        public async ValueTask DisposeAsync()
        {
            _http.Dispose();
            await _app.DisposeAsync();
            _services.Dispose();
        }
    }
}
