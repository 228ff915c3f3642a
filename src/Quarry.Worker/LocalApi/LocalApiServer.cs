using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quarry.Worker.Pipeline;

namespace Quarry.Worker.LocalApi;

/// <summary>
/// <c>quarry serve</c>: an HTTP API with RunPod's endpoint routes and shapes (<c>/run</c>, <c>/runsync</c>,
/// <c>/status/{id}</c>, <c>/cancel/{id}</c>, <c>/health</c>), so callers of a RunPod endpoint can point at it unchanged.
/// </summary>
public static class LocalApiServer
{
    public static WebApplication Build(WorkerServices services, ServeOptions serve, string url)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 30L * 1024 * 1024);
        var queue = new JobQueue(services.Handler, services.Options.MaxConcurrency, serve);
        builder.Services.AddSingleton(queue);
        builder.Services.AddHostedService(_ => queue);
        var app = builder.Build();

        if (serve.ApiKey is { } key)
        {
            app.Use(async (ctx, next) =>
            {
                var auth = ctx.Request.Headers.Authorization.ToString();
                if (!string.Equals(auth, "Bearer " + key, StringComparison.Ordinal))
                {
                    ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    await ctx.Response.WriteAsJsonAsync(new JsonObject { ["error"] = "missing or wrong bearer token" });
                    return;
                }
                await next();
            });
        }

        app.MapPost("/run", async (HttpRequest request) =>
        {
            var (input, problem) = await ReadInputAsync(request);
            if (problem is not null)
            {
                return problem;
            }
            var record = queue.Enqueue(input);
            return record is null
                ? Json(new JsonObject { ["error"] = "the queue is full; retry later" }, StatusCodes.Status429TooManyRequests)
                : Json(new JsonObject { ["id"] = record.Id, ["status"] = JobStatus.InQueue });
        });

        app.MapPost("/runsync", async (HttpRequest request, int? wait) =>
        {
            var (input, problem) = await ReadInputAsync(request);
            if (problem is not null)
            {
                return problem;
            }
            var record = queue.Enqueue(input);
            if (record is null)
            {
                return Json(new JsonObject { ["error"] = "the queue is full; retry later" }, StatusCodes.Status429TooManyRequests);
            }
            var waitMs = Math.Clamp(wait ?? 90_000, 1_000, 300_000);
            await Task.WhenAny(record.Finished, Task.Delay(waitMs, request.HttpContext.RequestAborted));
            return Json(record.ToResponse());
        });

        app.MapGet("/status/{id}", (string id) =>
            queue.Find(id) is { } record ? Json(record.ToResponse()) : Json(new JsonObject { ["error"] = $"no job {id}" }, StatusCodes.Status404NotFound));

        app.MapPost("/cancel/{id}", (string id) =>
            queue.Cancel(id) is { } record ? Json(new JsonObject { ["id"] = id, ["status"] = record.Status }) : Json(new JsonObject { ["error"] = $"no job {id}" }, StatusCodes.Status404NotFound));

        app.MapGet("/health", () =>
        {
            var jobs = queue.Jobs.ToList();
            var running = queue.Running;
            return Json(new JsonObject
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
            });
        });
        return app;
    }

    private static async Task<(JsonElement Input, IResult? Problem)> ReadInputAsync(HttpRequest request)
    {
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            if (body.RootElement.ValueKind != JsonValueKind.Object || !body.RootElement.TryGetProperty("input", out var input))
            {
                return (default, Json(new JsonObject { ["error"] = "the body must be a JSON object with an \"input\" field" }, StatusCodes.Status400BadRequest));
            }
            return (input.Clone(), null);
        }
        catch (JsonException ex)
        {
            return (default, Json(new JsonObject { ["error"] = "the body is not valid JSON: " + ex.Message }, StatusCodes.Status400BadRequest));
        }
    }

    private static IResult Json(JsonObject body, int status = StatusCodes.Status200OK) =>
        Results.Text(body.ToJsonString(Delivery.Deliverer.Json), "application/json", System.Text.Encoding.UTF8, status);
}
