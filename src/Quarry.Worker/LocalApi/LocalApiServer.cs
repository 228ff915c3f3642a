using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quarry.Worker.Pipeline;

namespace Quarry.Worker.LocalApi;

/// <summary>
/// <c>quarry serve</c>: an HTTP API with RunPod's endpoint routes and shapes (<see cref="LocalApiRoutes"/>), so
/// callers of a RunPod endpoint, RunPod's own SDKs included, can point at it with only their base URL changed.
/// Every answer, refusals included, is a JSON body.
/// </summary>
public static class LocalApiServer
{
    public static WebApplication Build(WorkerServices services, ServeOptions serve, string url)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 30L * 1024 * 1024);
        // The host that calls Build owns the signals: SIGTERM must drain the queue (JobQueue.DrainAsync)
        // while the listener keeps answering, not stop the listener at once as the console lifetime would.
        builder.Services.AddSingleton<IHostLifetime, ExternalLifetime>();
        var queue = new JobQueue(services.Handler, services.Options.MaxConcurrency, serve, new WebhookSender(serve, services.Options, services.Log));
        builder.Services.AddSingleton(queue);
        builder.Services.AddHostedService(_ => queue);
        var app = builder.Build();

        app.UseExceptionHandler(error => error.Run(ctx =>
        {
            var ex = ctx.Features.Get<IExceptionHandlerFeature>()?.Error;
            services.Log.Error("request failed", fields: new Dictionary<string, object?> { ["path"] = ctx.Request.Path.Value, ["exception"] = ex?.ToString() });
            return ApiWrite.Error(ctx.Response, StatusCodes.Status500InternalServerError, "the server failed to answer this request; it has been logged");
        }));
        // Routing's own refusals (404 unknown path, 405 wrong method) carry no body; give them one.
        app.UseStatusCodePages(ctx => ctx.HttpContext.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => ApiWrite.Error(ctx.HttpContext.Response, 404, $"no route {ctx.HttpContext.Request.Path}; the API has POST /run, POST /runsync, GET /status/{{id}}, GET /status-sync/{{id}}, GET /stream/{{id}}, POST /cancel/{{id}}, POST /retry/{{id}}, POST /purge-queue, GET /health, at the root or under /v2/{{endpointId}} or /{{endpointId}}"),
            StatusCodes.Status405MethodNotAllowed => ApiWrite.Error(ctx.HttpContext.Response, 405, $"{ctx.HttpContext.Request.Method} is not allowed on {ctx.HttpContext.Request.Path}"),
            var code => ApiWrite.Error(ctx.HttpContext.Response, code, $"HTTP {code}"),
        });

        if (serve.ApiKey is { } key)
        {
            app.Use(async (ctx, next) =>
            {
                if (!Authorized(ctx.Request.Headers.Authorization.ToString(), key))
                {
                    await ApiWrite.Error(ctx.Response, StatusCodes.Status401Unauthorized, "missing or wrong API key: send \"Authorization: Bearer KEY\" or \"Authorization: KEY\"");
                    return;
                }
                await next();
            });
        }

        // RunPod's clients call {base}/{endpointId}/{route}, with base https://api.runpod.ai/v2: the same routes
        // answer there, one level down, and at the root. The endpoint id means nothing locally.
        foreach (var prefix in new[] { "", "/v2/{endpointId}", "/{endpointId}" })
        {
            LocalApiRoutes.Map(app.MapGroup(prefix), queue, serve, services.Options.AllowLocalFetch);
        }
        return app;
    }

    /// <summary>
    /// RunPod's API takes the key raw (its curl examples) or after a <c>Bearer</c> scheme in any case (its SDKs);
    /// compared in constant time.
    /// </summary>
    internal static bool Authorized(string header, string key)
    {
        var value = header.Trim();
        if (value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            value = value["Bearer ".Length..].TrimStart();
        }
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(value), Encoding.UTF8.GetBytes(key));
    }

    /// <summary>A lifetime that leaves SIGTERM and Ctrl+C to the caller of <see cref="Build"/>.</summary>
    private sealed class ExternalLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
