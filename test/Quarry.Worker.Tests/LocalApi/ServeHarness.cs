using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Quarry.Tests.Shared;
using Quarry.Worker.Configuration;
using Quarry.Worker.LocalApi;
using Quarry.Worker.Pipeline;
using Quarry.Worker.Telemetry;

namespace Quarry.Worker.Tests.LocalApi;

/// <summary>
/// A <c>quarry serve</c> API on a loopback port with its own settings, plus a loopback file host whose
/// <c>/slow.pdf?ms=N</c> answers with the sample PDF after N ms, so jobs run as long as a test needs.
/// </summary>
internal sealed class ServeHarness : IAsyncDisposable
{
    public static readonly byte[] Report = File.ReadAllBytes(RepoPaths.Sample("report.pdf"));

    private readonly WorkerServices _services;
    private readonly WebApplication _app;
    private readonly LoopbackServer _files;

    private ServeHarness(WorkerServices services, WebApplication app, LoopbackServer files)
    {
        _services = services;
        _app = app;
        _files = files;
        Http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
    }

    public HttpClient Http { get; }
    public string BaseUrl => _app.Urls.First();
    public string FilesUrl => _files.BaseUrl;
    public JobQueue Queue => _app.Services.GetRequiredService<JobQueue>();

    public static async Task<ServeHarness> StartAsync(ServeOptions serve, int concurrency = 1, bool allowLocalFetch = true)
    {
        var files = await LoopbackServer.StartAsync(app => app.MapGet("/slow.pdf", async (HttpContext ctx, int ms) =>
        {
            await Task.Delay(ms, ctx.RequestAborted);
            return Results.Bytes(Report, "application/pdf");
        }));
        var services = new WorkerServices(new WorkerOptions { MaxConcurrency = concurrency, AllowLocalFetch = allowLocalFetch }, JobLog.Null);
        var app = LocalApiServer.Build(services, serve, "http://127.0.0.1:0");
        await app.StartAsync();
        return new ServeHarness(services, app, files);
    }

    public object SlowJob(int ms) => new { input = new { file_url = $"{_files.BaseUrl}/slow.pdf?ms={ms}", transport = "inline", formats = new[] { "markdown" } } };

    public async Task<(HttpResponseMessage Response, JsonObject Body)> Post(string path, object body)
    {
        var r = await Http.PostAsJsonAsync(path, body);
        return (r, (await r.Content.ReadFromJsonAsync<JsonObject>())!);
    }

    public async Task<JsonObject> Status(string id) => (await Http.GetFromJsonAsync<JsonObject>($"/status/{id}"))!;

    public static object InlineJob() => new { input = new { file_b64 = Convert.ToBase64String(Report), transport = "inline", formats = new[] { "markdown" } } };

    public async Task<JsonObject> WaitFinal(string id, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var s = await Status(id);
            if (s["status"]!.GetValue<string>() is not ("IN_QUEUE" or "IN_PROGRESS") || DateTime.UtcNow > until)
            {
                return s;
            }
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.DisposeAsync();
        await _files.DisposeAsync();
        _services.Dispose();
    }
}
