using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Quarry.Worker.LocalApi;

/// <summary>
/// RunPod's endpoint operations (docs/worker.md, "quarry serve"): <c>/run</c>, <c>/runsync</c>, <c>/status</c>,
/// <c>/status-sync</c>, <c>/stream</c>, <c>/cancel</c>, <c>/retry</c>, <c>/purge-queue</c>, <c>/health</c>.
/// Mapped once per route group, so every prefix answers the same.
/// </summary>
internal static class LocalApiRoutes
{
    private const string Draining = "the server is shutting down and takes no new jobs; retry on another replica or later";

    public static void Map(IEndpointRouteBuilder api, JobQueue queue, ServeOptions serve, bool allowLocal)
    {
        api.MapPost("/run", async (HttpContext ctx) =>
        {
            if (await SubmitAsync(ctx, queue, serve, allowLocal, sync: false) is { } record)
            {
                await ApiWrite.Json(ctx.Response, StatusCodes.Status200OK, new JsonObject { ["id"] = record.Id, ["status"] = record.SubmitStatus });
            }
        });

        api.MapPost("/runsync", async (HttpContext ctx, int? wait) =>
        {
            if (await SubmitAsync(ctx, queue, serve, allowLocal, sync: true) is { } record)
            {
                await WaitAndWrite(ctx, record, queue, wait);
            }
        });

        // runpod-sdk's runSync polls this while the job outlasts the /runsync wait.
        api.MapGet("/status-sync/{id}", (HttpContext ctx, string id, int? wait) =>
            queue.Find(id) is { } record ? WaitAndWrite(ctx, record, queue, wait) : NoJob(ctx, id));

        api.MapGet("/status/{id}", (HttpContext ctx, string id, long? ttl) =>
        {
            if (queue.Find(id) is not { } record)
            {
                return NoJob(ctx, id);
            }
            if (ttl is { } ms)
            {
                if (JobTerms.Milliseconds(ms, "ttl", TimeSpan.Zero) is (null, { } error))
                {
                    return ApiWrite.Error(ctx.Response, StatusCodes.Status400BadRequest, error);
                }
                record.SetTtl(TimeSpan.FromMilliseconds(ms));
            }
            return WriteRecord(ctx.Response, record, queue);
        });

        api.MapGet("/stream/{id}", (HttpContext ctx, string id) =>
            queue.Find(id) is { } record
                ? ApiWrite.Json(ctx.Response, StatusCodes.Status200OK, new JsonObject { ["id"] = id, ["status"] = record.Status, ["stream"] = record.TakeStream() })
                : NoJob(ctx, id));

        api.MapPost("/cancel/{id}", (HttpContext ctx, string id) =>
            queue.Cancel(id) is { } record
                ? ApiWrite.Json(ctx.Response, StatusCodes.Status200OK, new JsonObject { ["id"] = id, ["status"] = record.Status })
                : NoJob(ctx, id));

        api.MapPost("/retry/{id}", (HttpContext ctx, string id) =>
        {
            if (queue.Find(id) is null)
            {
                return NoJob(ctx, id);
            }
            return queue.Retry(id) switch
            {
                ({ } record, _, _) => ApiWrite.Json(ctx.Response, StatusCodes.Status200OK, new JsonObject { ["id"] = id, ["status"] = record.SubmitStatus }),
                (_, Refusal.QueueFull, _) => ApiWrite.Refuse(ctx.Response, StatusCodes.Status429TooManyRequests, "the queue is full; retry later"),
                (_, Refusal.Draining, _) => ApiWrite.Refuse(ctx.Response, StatusCodes.Status503ServiceUnavailable, Draining),
                (_, _, var error) => ApiWrite.Error(ctx.Response, StatusCodes.Status409Conflict, error ?? $"job {id} cannot be retried"),
            };
        });

        api.MapPost("/purge-queue", (HttpContext ctx) =>
            ApiWrite.Json(ctx.Response, StatusCodes.Status200OK, new JsonObject { ["removed"] = queue.Purge(), ["status"] = "completed" }));

        api.MapGet("/health", (HttpContext ctx) =>
        {
            var jobs = queue.Jobs.ToList();
            var running = queue.Running;
            return ApiWrite.Json(ctx.Response, StatusCodes.Status200OK, new JsonObject
            {
                ["jobs"] = new JsonObject
                {
                    ["completed"] = jobs.Count(j => j.Status == JobStatus.Completed),
                    ["failed"] = jobs.Count(j => j.Status is JobStatus.Failed or JobStatus.TimedOut),
                    ["inProgress"] = jobs.Count(j => j.Status == JobStatus.InProgress),
                    ["inQueue"] = jobs.Count(j => j.Status == JobStatus.InQueue),
                    ["retried"] = queue.Retried,
                },
                ["workers"] = new JsonObject { ["idle"] = queue.Concurrency - running, ["running"] = running },
                ["draining"] = queue.Draining,
                ["results"] = new JsonObject { ["memory_bytes"] = queue.Results.MemoryBytes, ["disk_bytes"] = queue.Results.DiskBytes },
            });
        });
    }

    /// <summary>Waits up to <c>?wait=</c> ms (RunPod: 1 000–300 000, default 90 000) for the job to end, then answers its status.</summary>
    private static async Task WaitAndWrite(HttpContext ctx, JobRecord record, JobQueue queue, int? wait)
    {
        var waitMs = Math.Clamp(wait ?? 90_000, 1_000, 300_000);
        await Task.WhenAny(record.Finished, Task.Delay(waitMs, ctx.RequestAborted));
        await WriteRecord(ctx.Response, record, queue);
    }

    /// <summary>Reads the body and submits its <c>input</c> with its terms; on a refusal answers the caller and returns null.</summary>
    private static async Task<JobRecord?> SubmitAsync(HttpContext ctx, JobQueue queue, ServeOptions serve, bool allowLocal, bool sync)
    {
        if (queue.Draining)
        {
            await ApiWrite.Refuse(ctx.Response, StatusCodes.Status503ServiceUnavailable, Draining);
            return null;
        }
        if (await ReadBodyAsync(ctx) is not { } body)
        {
            return null;
        }
        using (body.Document)
        {
            var (terms, error) = JobTerms.Read(body.Document.RootElement, sync, serve, allowLocal);
            if (terms is null)
            {
                await ApiWrite.Error(ctx.Response, StatusCodes.Status400BadRequest, error!);
                return null;
            }
            var (record, refusal) = queue.Submit(body.Document.RootElement.GetProperty("input"), body.Size, terms);
            switch (refusal)
            {
                case Refusal.QueueFull:
                    await ApiWrite.Refuse(ctx.Response, StatusCodes.Status429TooManyRequests, "the queue is full; retry later");
                    return null;
                case Refusal.Draining:
                    await ApiWrite.Refuse(ctx.Response, StatusCodes.Status503ServiceUnavailable, Draining);
                    return null;
                default:
                    return record;
            }
        }
    }

    /// <summary>The parsed body (an object with <c>input</c>) and its size; null when the caller has been answered with an error.</summary>
    private static async Task<(JsonDocument Document, long Size)?> ReadBodyAsync(HttpContext ctx)
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
            await ApiWrite.Error(ctx.Response, ex.StatusCode, message);
            return null;
        }
        JsonDocument body;
        try
        {
            body = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length)); // the document keeps the array alive
        }
        catch (JsonException ex)
        {
            await ApiWrite.Error(ctx.Response, StatusCodes.Status400BadRequest, "the body is not valid JSON: " + ex.Message);
            return null;
        }
        if (body.RootElement.ValueKind != JsonValueKind.Object || !body.RootElement.TryGetProperty("input", out _))
        {
            body.Dispose();
            await ApiWrite.Error(ctx.Response, StatusCodes.Status400BadRequest, "the body must be a JSON object with an \"input\" field");
            return null;
        }
        return (body, buffer.Length);
    }

    private static Task NoJob(HttpContext ctx, string id) =>
        ApiWrite.Error(ctx.Response, StatusCodes.Status404NotFound, $"no job {id} (never submitted, dropped past its ttl, or expired after its retention)");

    private static Task WriteRecord(HttpResponse response, JobRecord record, JobQueue queue) =>
        record.ToResponse(queue.Results) is { } body
            ? ApiWrite.Bytes(response, StatusCodes.Status200OK, body)
            : ApiWrite.Error(response, StatusCodes.Status410Gone, $"the result of job {record.Id} was evicted: the server keeps a bounded amount of results (QUARRY_RESULT_DISK_BYTES); fetch results sooner, or use transport s3");
}
