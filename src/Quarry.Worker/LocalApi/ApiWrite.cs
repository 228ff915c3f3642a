using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Quarry.Worker.LocalApi;

/// <summary>The local API's answers: always a JSON body, refusals as <c>{"error": "…"}</c>.</summary>
internal static class ApiWrite
{
    /// <summary>Seconds a refused caller (queue full, server draining) is told to wait.</summary>
    private const string RetryAfterSeconds = "5";

    public static Task Refuse(HttpResponse response, int status, string message)
    {
        response.Headers.RetryAfter = RetryAfterSeconds;
        return Error(response, status, message);
    }

    public static Task Error(HttpResponse response, int status, string error) =>
        Json(response, status, new JsonObject { ["error"] = error });

    public static Task Json(HttpResponse response, int status, JsonObject body) =>
        Bytes(response, status, JsonSerializer.SerializeToUtf8Bytes(body, Delivery.Deliverer.Json));

    public static async Task Bytes(HttpResponse response, int status, byte[] body)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body);
    }
}
