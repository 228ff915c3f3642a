using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Quarry.ModelStandIn;

/// <summary>
/// An OpenAI-compatible stand-in for <c>vllm serve</c> with MinerU2.5, on 127.0.0.1: vLLM's routes and
/// body shapes (<c>GET /health</c>, <c>GET /v1/models</c>, <c>POST /v1/chat/completions</c>, its error
/// bodies, its 401), answers derived from the PDFs it was given, and control routes under <c>/_stand-in/</c>
/// (requests, config, stats, reset) that no real server has.
/// </summary>
public sealed class StandInServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StandInServer(WebApplication app, StandInState state, Recorder recorder, Recognizer recognizer)
    {
        _app = app;
        State = state;
        Recorder = recorder;
        Recognizer = recognizer;
    }

    /// <summary>Base URL, e.g. <c>http://127.0.0.1:40123</c> (no trailing slash).</summary>
    public string BaseUrl => _app.Urls.First().TrimEnd('/');

    public StandInState State { get; }
    public Recorder Recorder { get; }
    public Recognizer Recognizer { get; }

    public static async Task<StandInServer> StartAsync(StandInOptions options, Action<ILoggingBuilder>? logging = null, CancellationToken ct = default)
    {
        var documents = options.Pdfs.Select(KnownDocument.Load).ToList();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{options.Port}");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 64 * 1024 * 1024);
        builder.Logging.ClearProviders();
        logging?.Invoke(builder.Logging);
        builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();
        var state = new StandInState(options.Behaviour);
        var recorder = new Recorder(options.RecordFile);
        var recognizer = new Recognizer(documents);
        var server = new StandInServer(app, state, recorder, recognizer);
        server.Map(new Responder(recognizer, state, app.Logger));
        await app.StartAsync(ct);
        app.Logger.LogInformation("stand-in listening on {Url}: {Documents} documents, {Pages} pages, model {Model}",
            server.BaseUrl, documents.Count, documents.Sum(d => d.Pages.Count), options.Behaviour.ModelId);
        return server;
    }

    /// <summary>Until the host is told to stop (SIGTERM, Ctrl+C).</summary>
    public Task WaitForShutdownAsync(CancellationToken ct = default) => _app.WaitForShutdownAsync(ct);

    private void Map(Responder responder)
    {
        var app = _app;
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/_stand-in"))
            {
                await next(context);
                return;
            }
            // Dead periods and the API key apply to every route a real server has, as vLLM's middleware does.
            switch (State.Dead())
            {
                case "close":
                    Record(context, 0, null);
                    context.Abort();
                    return;
                case not null:
                    Record(context, 503, null);
                    await Error(context, 503, "The server is not ready (stand-in dead period).");
                    return;
            }
            if (State.Behaviour.ApiKey is { } key && context.Request.Path.StartsWithSegments("/v1")
                && context.Request.Headers.Authorization.ToString() != "Bearer " + key)
            {
                Record(context, 401, null);
                context.Response.StatusCode = 401;
                await context.Response.WriteAsJsonAsync(new JsonObject { ["error"] = "Unauthorized" });
                return;
            }
            await next(context);
        });

        app.MapGet("/health", (HttpContext context) =>
        {
            Record(context, 200, null);
            return Results.Ok();
        });
        app.MapGet("/v1/models", (HttpContext context) =>
        {
            Record(context, 200, null);
            var id = State.Behaviour.ModelId;
            var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            return Results.Json(new JsonObject
            {
                ["object"] = "list",
                ["data"] = new JsonArray(new JsonObject
                {
                    ["id"] = id,
                    ["object"] = "model",
                    ["created"] = created,
                    ["owned_by"] = "vllm",
                    ["root"] = id,
                    ["parent"] = null,
                    ["max_model_len"] = 16384,
                    ["permission"] = new JsonArray(new JsonObject
                    {
                        ["id"] = "modelperm-" + Guid.NewGuid().ToString("N"),
                        ["object"] = "model_permission",
                        ["created"] = created,
                        ["allow_create_engine"] = false,
                        ["allow_sampling"] = true,
                        ["allow_logprobs"] = true,
                        ["allow_search_indices"] = false,
                        ["allow_view"] = true,
                        ["allow_fine_tuning"] = false,
                        ["organization"] = "*",
                        ["group"] = null,
                        ["is_blocking"] = false,
                    }),
                }),
            });
        });
        app.MapPost("/v1/chat/completions", (HttpContext context) => ChatAsync(context, responder));

        app.MapGet("/_stand-in/requests", () => Results.Json(Recorder.Snapshot()));
        app.MapGet("/_stand-in/stats", () => Results.Json(State.Stats, StandInBehaviour.Json));
        app.MapGet("/_stand-in/config", () => Results.Json(State.Behaviour, StandInBehaviour.Json));
        app.MapPost("/_stand-in/config", async (HttpContext context) =>
        {
            try
            {
                var patch = await JsonSerializer.DeserializeAsync<JsonObject>(context.Request.Body, cancellationToken: context.RequestAborted)
                    ?? throw new ArgumentException("a JSON object is expected");
                return Results.Json(State.Configure(patch), StandInBehaviour.Json);
            }
            catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
            {
                return Results.BadRequest(new JsonObject { ["error"] = ex.Message });
            }
        });
        app.MapPost("/_stand-in/reset", () =>
        {
            Recorder.Clear();
            State.ResetStats();
            return Results.Ok();
        });
    }

    private async Task ChatAsync(HttpContext context, Responder responder)
    {
        JsonObject? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<JsonObject>(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException ex)
        {
            Record(context, 400, null);
            await Error(context, 400, "Invalid JSON body: " + ex.Message);
            return;
        }
        if (body is null || body["messages"] is not JsonArray)
        {
            Record(context, 400, null);
            await Error(context, 400, "'messages' is required.");
            return;
        }
        var request = ChatRequestView.Read(body);
        var behaviour = State.Behaviour;
        if (request.Model != behaviour.ModelId)
        {
            Record(context, 404, request);
            await Error(context, 404, $"The model `{request.Model}` does not exist.");
            return;
        }
        if (State.InjectError())
        {
            Record(context, behaviour.ErrorStatus, request);
            await Error(context, behaviour.ErrorStatus, "Injected by the stand-in.");
            return;
        }
        var queued = Stopwatch.StartNew();
        using var slot = await State.AcquireAsync(context.RequestAborted);
        var waited = queued.Elapsed;
        var answer = responder.Respond(request);
        var completionTokens = Tokens.Count(answer.Content);
        var promptTokens = request.Images.Sum(Tokens.ForImage) + Tokens.Count(request.Prompt ?? "") + 10;
        var gpu = TimeSpan.FromMilliseconds(behaviour.LatencyMs + (behaviour.TokenLatencyMs * completionTokens));
        if (gpu > TimeSpan.Zero)
        {
            await Task.Delay(gpu, context.RequestAborted);
        }
        State.Count(request.Kind, promptTokens, completionTokens, gpu.TotalSeconds, answer.Recognized);
        Record(context, 200, request, new JsonObject
        {
            ["content"] = answer.Content,
            ["finish_reason"] = answer.FinishReason,
            ["completion_tokens"] = completionTokens,
            ["match"] = new JsonObject
            {
                ["recognized"] = answer.Recognized,
                ["document"] = answer.Document,
                ["page"] = answer.Page,
                ["label"] = answer.Label,
                ["score"] = answer.Score is { } s ? Math.Round(s, 4) : null,
            },
            ["queued_ms"] = Math.Round(waited.TotalMilliseconds, 1),
            ["gpu_ms"] = Math.Round(gpu.TotalMilliseconds, 1),
        });
        await context.Response.WriteAsJsonAsync(new JsonObject
        {
            ["id"] = "chatcmpl-" + Guid.NewGuid().ToString("N"),
            ["object"] = "chat.completion",
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["model"] = behaviour.ModelId,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject
                {
                    ["role"] = "assistant",
                    ["content"] = answer.Content,
                    ["refusal"] = null,
                    ["annotations"] = null,
                    ["audio"] = null,
                    ["function_call"] = null,
                    ["tool_calls"] = new JsonArray(),
                    ["reasoning_content"] = null,
                },
                ["logprobs"] = null,
                ["finish_reason"] = answer.FinishReason,
                ["stop_reason"] = null,
            }),
            ["service_tier"] = null,
            ["system_fingerprint"] = null,
            ["usage"] = new JsonObject
            {
                ["prompt_tokens"] = promptTokens,
                ["total_tokens"] = promptTokens + completionTokens,
                ["completion_tokens"] = completionTokens,
                ["prompt_tokens_details"] = null,
            },
            ["prompt_logprobs"] = null,
            ["kv_transfer_params"] = null,
        });
    }

    /// <summary>vLLM's error body: nested (≥ 0.10) or flat (older), <c>code</c> = the HTTP status.</summary>
    private Task Error(HttpContext context, int status, string message)
    {
        var type = status switch
        {
            400 => "BadRequestError",
            404 => "NotFoundError",
            429 => "TooManyRequestsError",
            503 => "ServiceUnavailableError",
            _ => "InternalServerError",
        };
        var error = new JsonObject { ["message"] = message, ["type"] = type, ["param"] = null, ["code"] = status };
        JsonObject body;
        if (State.Behaviour.ErrorShape == "flat")
        {
            body = new JsonObject { ["object"] = "error" };
            foreach (var (k, v) in error)
            {
                body[k] = v?.DeepClone();
            }
        }
        else
        {
            body = new JsonObject { ["error"] = error };
        }
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(body);
    }

    private void Record(HttpContext context, int status, ChatRequestView? request, JsonObject? response = null)
    {
        var headers = context.Request.Headers;
        var entry = new JsonObject
        {
            ["at"] = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["method"] = context.Request.Method,
            ["path"] = context.Request.Path.Value,
            ["status"] = status,
            ["headers"] = new JsonObject
            {
                // The key itself stays out of the record: only its scheme and whether one came.
                ["authorization"] = headers.Authorization.Count == 0 ? null : headers.Authorization.ToString().Split(' ')[0] + " ***",
                ["content_type"] = headers.ContentType.ToString() is { Length: > 0 } ct ? ct : null,
                ["user_agent"] = headers.UserAgent.ToString() is { Length: > 0 } ua ? ua : null,
            },
        };
        if (request is not null)
        {
            entry["kind"] = request.Kind.ToString().ToLowerInvariant();
            entry["prompt"] = request.Prompt;
            entry["sampling"] = new JsonObject(request.Recorded
                .Where(p => p.Key is not ("model" or "messages"))
                .Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
            entry["body"] = request.Recorded;
        }
        if (response is not null)
        {
            entry["response"] = response;
        }
        Recorder.Add(entry);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
