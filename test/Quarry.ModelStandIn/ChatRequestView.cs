using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Quarry.ModelStandIn;

/// <summary>What a chat-completion body asks: the prompt, the decoded images, the sampling fields; and its record form (images as size + hash, not bytes).</summary>
public sealed class ChatRequestView
{
    private ChatRequestView(JsonObject body) => Body = body;

    public JsonObject Body { get; }
    public string? Model { get; private init; }
    public string? Prompt { get; private init; }
    public PromptKind Kind => Prompts.Classify(Prompt);
    public IReadOnlyList<Raster?> Images { get; private init; } = [];
    public JsonObject Recorded { get; private init; } = [];

    /// <summary>The completion-token cap the request sets (max_completion_tokens, else max_tokens), if any.</summary>
    public int? MaxTokens { get; private init; }

    public static ChatRequestView Read(JsonObject body)
    {
        var recorded = (JsonObject)body.DeepClone();
        string? prompt = null;
        var images = new List<Raster?>();
        if (recorded["messages"] is JsonArray messages)
        {
            foreach (var message in messages.OfType<JsonObject>())
            {
                if (message["content"] is not JsonArray parts)
                {
                    if (message["role"]?.GetValue<string>() == "user" && message["content"] is JsonValue text)
                    {
                        prompt = text.GetValue<string>();
                    }
                    continue;
                }
                for (var i = 0; i < parts.Count; i++)
                {
                    if (parts[i] is not JsonObject part)
                    {
                        continue;
                    }
                    if (part["type"]?.GetValue<string>() == "text")
                    {
                        prompt = part["text"]?.GetValue<string>();
                    }
                    else if (part["type"]?.GetValue<string>() == "image_url" && part["image_url"]?["url"]?.GetValue<string>() is { } url)
                    {
                        var (summary, raster) = Image(url);
                        images.Add(raster);
                        parts[i] = new JsonObject { ["type"] = "image_url", ["image_url"] = summary };
                    }
                }
            }
        }
        var maxTokens = body["max_completion_tokens"] ?? body["max_tokens"];
        return new ChatRequestView(body)
        {
            Model = body["model"] is JsonValue m && m.GetValueKind() == System.Text.Json.JsonValueKind.String ? m.GetValue<string>() : null,
            Prompt = prompt,
            Images = images,
            Recorded = recorded,
            MaxTokens = maxTokens is JsonValue v && v.TryGetValue<int>(out var n) ? n : null,
        };
    }

    /// <summary>A data URL's image as the record keeps it: media type, bytes, decoded size, sha256 of the bytes.</summary>
    private static (JsonObject Summary, Raster? Raster) Image(string url)
    {
        var comma = url.IndexOf(',', StringComparison.Ordinal);
        if (!url.StartsWith("data:", StringComparison.Ordinal) || comma < 0 || !url[..comma].EndsWith(";base64", StringComparison.Ordinal))
        {
            return (new JsonObject { ["url"] = url.Length > 200 ? url[..200] : url, ["error"] = "not a base64 data URL" }, null);
        }
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(url[(comma + 1)..]);
        }
        catch (FormatException)
        {
            return (new JsonObject { ["media_type"] = url[5..comma], ["error"] = "bad base64" }, null);
        }
        var raster = QuarryEngine.Decode(bytes);
        return (new JsonObject
        {
            ["media_type"] = url[5..(comma - 7)],
            ["bytes"] = bytes.Length,
            ["width"] = raster?.Width,
            ["height"] = raster?.Height,
            ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(bytes)),
        }, raster);
    }
}
