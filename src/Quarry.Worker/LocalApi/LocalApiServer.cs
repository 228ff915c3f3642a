using System.Text.Json;
using System.Text.Json.Nodes;
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
/// <c>quarry serve</c>: an HTTP API with RunPod's endpoint routes and shapes (<c>/run</c>, <c>/runsync</c>,
/// <c>/status/{id}</c>, <c>/cancel/{id}</c>, <c>/health</c>), so callers of a RunPod endpoint can point at it
/// unchanged. Every answer, refusals included, is a JSON body.
/// </summary>
public static class LocalApiServer
{
    /// <summary>Seconds a refused caller (queue full, server draining) is told to wait.</summary>
    private const string RetryAfterSeconds = "5";

    public static WebApplication Build(WorkerServices services, ServeOptions serve, string url)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 30L * 1024 * 1024);
        // The host that calls Build owns the signals: SIGTERM must drain the queue (JobQueue.DrainAsync)
        // while the listener keeps answering, not stop the listener at once as the console lifetime would.
        builder.Services.AddSingleton<IHostLifetime, ExternalLifetime>();
        var queue = new JobQueue(services.Handler, services.Options.MaxConcurrency, serve);
        builder.Services.AddSingleton(queue);
        builder.Services.AddHostedService(_ => queue);
        var app = builder.Build();

        app.UseExceptionHandler(error => error.Run(ctx =>
        {
            var ex = ctx.Features.Get<IExceptionHandlerFeature>()?.Error;
            services.Log.Error("request failed", fields: new Dictionary<string, object?> { ["path"] = ctx.Request.Path.Value, ["exception"] = ex?.ToString() });
            return Write(ctx.Response, StatusCodes.Status500InternalServerError, "the server failed to answer this request; it has been logged");
        }));
        // Routing's own refusals (404 unknown path, 405 wrong method) carry no body; give them one.
        app.UseStatusCodePages(ctx => ctx.HttpContext.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => Write(ctx.HttpContext.Response, 404, $"no route {ctx.HttpContext.Request.Path}; the API has POST /run, POST /runsync, GET /status/{{id}}, POST /cancel/{{id}}, GET /health"),
            StatusCodes.Status405MethodNotAllowed => Write(ctx.HttpContext.Response, 405, $"{ctx.HttpContext.Request.Method} is not allowed on {ctx.HttpContext.Request.Path}"),
            var code => Write(ctx.HttpContext.Response, code, $"HTTP {code}"),
        });

        if (serve.ApiKey is { } key)
        {
            app.Use(async (ctx, next) =>
            {
                var auth = ctx.Request.Headers.Authorization.ToString();
                if (!string.Equals(auth, "Bearer " + key, StringComparison.Ordinal))
                {
                    await Write(ctx.Response, StatusCodes.Status401Unauthorized, "missing or wrong bearer token");
                    return;
                }
                await next();
            });
        }

        app.MapPost("/run", async (HttpContext ctx) =>
        {
            if (await SubmitAsync(ctx, queue) is { } record)
            {
                await WriteJson(ctx.Response, StatusCodes.Status200OK, new JsonObject { ["id"] = record.Id, ["status"] = record.Status });
            }
        });

        app.MapPost("/runsync", async (HttpContext ctx, int? wait) =>
        {
            if (await SubmitAsync(ctx, queue) is not { } record)
            {
                return;
            }
            var waitMs = Math.Clamp(wait ?? 90_000, 1_000, 300_000);
            await Task.WhenAny(record.Finished, Task.Delay(waitMs, ctx.RequestAborted));
            await WriteRecord(ctx.Response, record, queue);
        });

        app.MapGet("/status/{id}", (HttpContext ctx, string id) =>
            queue.Find(id) is { } record ? WriteRecord(ctx.Response, record, queue) : Write(ctx.Response, StatusCodes.Status404NotFound, $"no job {id}"));

        app.MapPost("/cancel/{id}", (HttpContext ctx, string id) =>
            queue.Cancel(id) is { } record
                ? WriteJson(ctx.Response, StatusCodes.Status200OK, new JsonObject { ["id"] = id, ["status"] = record.Status })
                : Write(ctx.Response, StatusCodes.Status404NotFound, $"no job {id}"));

        app.MapGet("/health", (HttpContext ctx) =>
        {
            var jobs = queue.Jobs.ToList();
            var running = queue.Running;
            return WriteJson(ctx.Response, StatusCodes.Status200OK, new JsonObject
            {
                ["jobs"] = new JsonObject
                {
                    ["completed"] = jobs.Count(j => j.Status == JobStatus.Completed),
                    ["failed"] = jobs.Count(j => j.Status is JobStatus.Failed or JobStatus.TimedOut),
                    ["inProgress"] = jobs.Count(j => j.Status == JobStatus.InProgress),
                    ["inQueue"] = jobs.Count(j => j.Status == JobStatus.InQueue),
                    ["retried"] = 0,
                },
                ["workers"] = new JsonObject { ["idle"] = queue.Concurrency - running, ["running"] = running },
                ["draining"] = queue.Draining,
                ["results"] = new JsonObject { ["memory_bytes"] = queue.Results.MemoryBytes, ["disk_bytes"] = queue.Results.DiskBytes },
            });
        });
        return app;
    }

    /// <summary>Reads the body and submits its <c>input</c>; on a refusal answers the caller and returns null.</summary>
    private static async Task<JobRecord?> SubmitAsync(HttpContext ctx, JobQueue queue)
    {
        if (queue.Draining)
        {
            await Refuse(ctx.Response, StatusCodes.Status503ServiceUnavailable, "the server is shutting down and takes no new jobs; retry on another replica or later");
            return null;
        }
        var (input, size) = await ReadInputAsync(ctx);
        if (size < 0)
        {
            return null;
        }
        var (record, refusal) = queue.Submit(input, size);
        switch (refusal)
        {
            case Refusal.QueueFull:
                await Refuse(ctx.Response, StatusCodes.Status429TooManyRequests, "the queue is full; retry later");
                return null;
            case Refusal.Draining:
                await Refuse(ctx.Response, StatusCodes.Status503ServiceUnavailable, "the server is shutting down and takes no new jobs; retry on another replica or later");
                return null;
            default:
                return record;
        }
    }

    /// <summary>The body's <c>input</c> and the body's size; size −1 when the caller has been answered with an error.</summary>
    private static async Task<(JsonElement Input, long Size)> ReadInputAsync(HttpContext ctx)
    {
        using var buffer = new MemoryStream();
        try
        {
            await ctx.Request.Body.CopyToAsync(buffer, ctx.RequestAborted);
        }
        catch (BadHttpRequestException ex)
        {
            // Kestrel's body limit (413) and malformed framing (400) surface here, while the body is read.
            var message = ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? "the request body is larger than 30 MB; send a file_url instead of file_b64"
                : "the request body could not be read: " + ex.Message;
            await Write(ctx.Response, ex.StatusCode, message);
            return (default, -1);
        }
        try
        {
            using var body = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
            if (body.RootElement.ValueKind != JsonValueKind.Object || !body.RootElement.TryGetProperty("input", out var input))
            {
                await Write(ctx.Response, StatusCodes.Status400BadRequest, "the body must be a JSON object with an \"input\" field");
                return (default, -1);
            }
            return (input.Clone(), buffer.Length);
        }
        catch (JsonException ex)
        {
            await Write(ctx.Response, StatusCodes.Status400BadRequest, "the body is not valid JSON: " + ex.Message);
            return (default, -1);
        }
    }

    private static Task WriteRecord(HttpResponse response, JobRecord record, JobQueue queue) =>
        record.ToResponse(queue.Results) is { } body
            ? WriteBytes(response, StatusCodes.Status200OK, body)
            : Write(response, StatusCodes.Status410Gone, $"the result of job {record.Id} was evicted: the server keeps a bounded amount of results (QUARRY_RESULT_DISK_BYTES); fetch results sooner, or use transport s3");

    private static Task Refuse(HttpResponse response, int status, string message)
    {
        response.Headers.RetryAfter = RetryAfterSeconds;
        return Write(response, status, message);
    }

    private static Task Write(HttpResponse response, int status, string error) =>
        WriteJson(response, status, new JsonObject { ["error"] = error });

    private static Task WriteJson(HttpResponse response, int status, JsonObject body) =>
        WriteBytes(response, status, JsonSerializer.SerializeToUtf8Bytes(body, Delivery.Deliverer.Json));

    private static async Task WriteBytes(HttpResponse response, int status, byte[] body)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body);
    }

    /// <summary>A lifetime that leaves SIGTERM and Ctrl+C to the caller of <see cref="Build"/>.</summary>
    private sealed class ExternalLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
