using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Quarry.Tests.Shared;

namespace Quarry.Parsing.Tests.Readers.Model.Vlm;

/// <summary>A request the server received: its Authorization header and JSON body.</summary>
public sealed record RecordedRequest(string Path, string? Authorization, JsonObject? Body)
{
    public string Prompt => Body!["messages"]![1]!["content"]![1]!["text"]!.GetValue<string>();

    /// <summary>The PNG bytes of the image part.</summary>
    public byte[] Image
    {
        get
        {
            var url = Body!["messages"]![1]!["content"]![0]!["image_url"]!["url"]!.GetValue<string>();
            Assert.StartsWith("data:image/png;base64,", url, StringComparison.Ordinal);
            return Convert.FromBase64String(url["data:image/png;base64,".Length..]);
        }
    }
}

/// <summary>A reply: status, JSON body, optional Retry-After seconds.</summary>
public sealed record Reply(int Status, string Body, int? RetryAfter = null)
{
    /// <summary>A chat completion in vLLM's shape.</summary>
    public static Reply Chat(string? content, string finish = "stop") => new(200, new JsonObject
    {
        ["id"] = "chatcmpl-1",
        ["object"] = "chat.completion",
        ["model"] = "m",
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
            ["finish_reason"] = finish,
        }),
    }.ToJsonString());
}

/// <summary>
/// An OpenAI-compatible server on 127.0.0.1 (real Kestrel): lists <see cref="Models"/> on GET /v1/models and
/// answers chat completions with <see cref="Answer"/>, recording every request.
/// </summary>
public sealed class ChatServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ChatServer(WebApplication app) => _app = app;

    public string BaseUrl => _app.Urls.First();

    public string[] Models { get; set; } = ["/models/MinerU2.5-2509-1.2B"];

    /// <summary>Answer for a chat request (the recorded request, its 0-based number).</summary>
    public Func<RecordedRequest, int, Reply> Answer { get; set; } = (_, _) => Reply.Chat("");

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public List<RecordedRequest> Chats => Requests.Where(r => r.Path == "/v1/chat/completions").ToList();

    public static async Task<ChatServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = null);
        var app = builder.Build();
        var server = new ChatServer(app);
        var chats = 0;
        app.MapGet("/v1/models", (HttpContext ctx) =>
        {
            server.Requests.Enqueue(new RecordedRequest("/v1/models", ctx.Request.Headers.Authorization.FirstOrDefault(), null));
            var data = new JsonArray(server.Models.Select(id => (JsonNode)new JsonObject { ["id"] = id, ["object"] = "model" }).ToArray());
            return Results.Text(new JsonObject { ["object"] = "list", ["data"] = data }.ToJsonString(), "application/json");
        });
        app.MapPost("/v1/chat/completions", async (HttpContext ctx) =>
        {
            var body = (JsonObject?)await JsonNode.ParseAsync(ctx.Request.Body);
            var request = new RecordedRequest("/v1/chat/completions", ctx.Request.Headers.Authorization.FirstOrDefault(), body);
            server.Requests.Enqueue(request);
            var reply = server.Answer(request, Interlocked.Increment(ref chats) - 1);
            if (reply.RetryAfter is { } s)
            {
                ctx.Response.Headers.RetryAfter = s.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            return Results.Text(reply.Body, "application/json", statusCode: reply.Status);
        });
        await app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    public static string Fixture(string name) =>
        Path.Combine(RepoPaths.Root, "test", "Quarry.Parsing.Tests", "Readers", "Model", "Vlm", "Fixtures", name);

    /// <summary>A port nothing listens on (bound then released).</summary>
    public static string DeadUrl()
    {
        using var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        var port = ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return $"http://127.0.0.1:{port}";
    }

    public static JsonElement Json(string s) => JsonDocument.Parse(s).RootElement;
}
