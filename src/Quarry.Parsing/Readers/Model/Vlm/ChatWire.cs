using System.Text.Json;
using System.Text.Json.Serialization;

namespace Quarry.Parsing.Readers.Model.Vlm;

// The OpenAI chat-completions shapes mineru-vl-utils sends and reads, with vLLM's extra sampling fields at
// the top level of the body. Property order follows its build_request_body so bodies compare field by field.

internal sealed record ChatRequest
{
    [JsonPropertyName("model")] public required string Model { get; init; }
    [JsonPropertyName("messages")] public required IReadOnlyList<ChatMessage> Messages { get; init; }
    [JsonPropertyName("temperature")] public double Temperature { get; init; }
    [JsonPropertyName("top_p")] public double TopP { get; init; }
    [JsonPropertyName("top_k")] public int? TopK { get; init; }
    [JsonPropertyName("presence_penalty")] public double PresencePenalty { get; init; }
    [JsonPropertyName("frequency_penalty")] public double FrequencyPenalty { get; init; }
    [JsonPropertyName("repetition_penalty")] public double? RepetitionPenalty { get; init; }
    [JsonPropertyName("vllm_xargs")] public VllmExtraArgs? VllmXargs { get; init; }
    [JsonPropertyName("max_completion_tokens")] public int? MaxCompletionTokens { get; init; }
    [JsonPropertyName("max_tokens")] public int? MaxTokens { get; init; }
    [JsonPropertyName("skip_special_tokens")] public bool? SkipSpecialTokens { get; init; }
}

/// <summary>Read by MinerU's logits processor on the server (MinerULogitsProcessor); ignored without it.</summary>
internal sealed record VllmExtraArgs(
    [property: JsonPropertyName("no_repeat_ngram_size")] int NoRepeatNgramSize,
    [property: JsonPropertyName("debug")] bool Debug);

/// <summary>A system message (string content) or a user message (content parts); serialized as the derived type.</summary>
[JsonDerivedType(typeof(SystemMessage))]
[JsonDerivedType(typeof(UserMessage))]
internal abstract record ChatMessage;

internal sealed record SystemMessage(
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("content")] string Content) : ChatMessage;

internal sealed record UserMessage(
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("content")] IReadOnlyList<ContentPart> Content) : ChatMessage;

[JsonDerivedType(typeof(ImagePart))]
[JsonDerivedType(typeof(TextPart))]
internal abstract record ContentPart;

internal sealed record ImagePart(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("image_url")] ImageUrl ImageUrl) : ContentPart;

internal sealed record ImageUrl([property: JsonPropertyName("url")] string Url);

internal sealed record TextPart(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("text")] string Text) : ContentPart;

internal sealed record ChatResponse
{
    [JsonPropertyName("object")] public string? Object { get; init; }
    [JsonPropertyName("choices")] public IReadOnlyList<ChatChoice>? Choices { get; init; }
}

internal sealed record ChatChoice
{
    [JsonPropertyName("finish_reason")] public string? FinishReason { get; init; }
    [JsonPropertyName("message")] public ChatResponseMessage? Message { get; init; }
}

internal sealed record ChatResponseMessage
{
    /// <summary>Kept raw: a missing key (an error) differs from null (empty output).</summary>
    [JsonPropertyName("content")] public JsonElement Content { get; init; }
}

internal sealed record ModelList
{
    [JsonPropertyName("data")] public IReadOnlyList<ModelEntry>? Data { get; init; }
}

internal sealed record ModelEntry
{
    [JsonPropertyName("id")] public string? Id { get; init; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ChatRequest))]
[JsonSerializable(typeof(ChatResponse))]
[JsonSerializable(typeof(ModelList))]
internal sealed partial class ChatJson : JsonSerializerContext;
