using Microsoft.AspNetCore.Builder;
using Quarry.Worker.Configuration;
using Quarry.Worker.LocalApi;
using Quarry.Worker.Pipeline;
using Quarry.Worker.Telemetry;

namespace Quarry.Client.Tests;

/// <summary>A real <c>quarry serve</c> API on a loopback port for the client to call.</summary>
public sealed class LocalEndpoint : IAsyncDisposable
{
    private readonly WorkerServices _services;
    private readonly WebApplication _app;

    private LocalEndpoint(WorkerServices services, WebApplication app)
    {
        _services = services;
        _app = app;
    }

    public string Url => _app.Urls.First();

    public static async Task<LocalEndpoint> StartAsync(WorkerOptions? options = null, string? apiKey = null)
    {
        var services = new WorkerServices(options ?? new WorkerOptions { MaxConcurrency = 4 }, JobLog.Null);
        var app = LocalApiServer.Build(services, new ServeOptions { ApiKey = apiKey }, "http://127.0.0.1:0");
        await app.StartAsync();
        return new LocalEndpoint(services, app);
    }

    public QuarryClient Client(Func<QuarryClientOptions, QuarryClientOptions>? tweak = null, string? apiKey = null)
    {
        var options = QuarryClientOptions.ForServer(Url, apiKey);
        return new QuarryClient(tweak is null ? options : tweak(options));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _services.Dispose();
    }
}
