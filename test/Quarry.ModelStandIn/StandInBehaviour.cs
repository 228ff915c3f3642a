using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Quarry.ModelStandIn;

/// <summary>
/// How the stand-in behaves, settable from the command line and at run time through
/// <c>POST /_stand-in/config</c> (a JSON object with any of these snake_case fields; the others keep their values).
/// </summary>
public sealed record StandInBehaviour
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = false,
    };

    /// <summary>The id <c>/v1/models</c> lists and requests must name: a path, as <c>vllm serve /models/…</c> (MinerU's server) reports it.</summary>
    public string ModelId { get; init; } = "/models/MinerU2.5-2509-1.2B";

    /// <summary>When set, <c>/v1/*</c> needs <c>Authorization: Bearer KEY</c> (vLLM's <c>--api-key</c>); 401 otherwise.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Simulated GPU time per request (prefill), in milliseconds.</summary>
    public double LatencyMs { get; init; }

    /// <summary>Simulated GPU time per completion token (decode), in milliseconds.</summary>
    public double TokenLatencyMs { get; init; }

    /// <summary>Requests computed at once, like vLLM's <c>--max-num-seqs</c>; the rest queue. 0 = no limit.</summary>
    public int MaxNumSeqs { get; init; }

    /// <summary>Status of injected errors (500, 503, 429, …).</summary>
    public int ErrorStatus { get; init; } = 500;

    /// <summary>Fraction (0–1) of chat requests answered with <see cref="ErrorStatus"/>.</summary>
    public double ErrorRate { get; init; }

    /// <summary>The next N chat requests are answered with <see cref="ErrorStatus"/> (counts down).</summary>
    public int ErrorNext { get; init; }

    /// <summary>Seconds (from when it is set) during which every request is answered per <see cref="DeadMode"/>.</summary>
    public double DeadSeconds { get; init; }

    /// <summary><c>503</c> (answer 503 everywhere, /health included) or <c>close</c> (drop the connection unanswered).</summary>
    public string DeadMode { get; init; } = "503";

    /// <summary>Content requests for this MinerU block type (table, text, equation, …) degenerate into a repetition loop.</summary>
    public string? RepeatBlockType { get; init; }

    /// <summary>The next N content requests degenerate into a repetition loop (counts down).</summary>
    public int RepeatNext { get; init; }

    /// <summary>Length, in tokens, a repetition loop runs to before the stand-in stops it with <c>finish_reason: length</c>.</summary>
    public int RepeatMaxTokens { get; init; } = 400;

    /// <summary>
    /// Error body shape: <c>nested</c> = vLLM ≥ 0.10 (<c>{"error":{message,type,param,code}}</c>),
    /// <c>flat</c> = older vLLM (<c>{object:"error",message,type,param,code}</c>).
    /// </summary>
    public string ErrorShape { get; init; } = "nested";

    /// <summary>Applies the fields present in <paramref name="patch"/>; unknown fields are an error (a typo must not pass silently).</summary>
    public StandInBehaviour With(JsonObject patch)
    {
        var current = JsonSerializer.SerializeToNode(this, Json)!.AsObject();
        foreach (var (name, value) in patch)
        {
            if (!current.ContainsKey(name))
            {
                throw new ArgumentException($"unknown stand-in setting '{name}'; known: {string.Join(", ", current.Select(p => p.Key))}");
            }
            // Command-line values arrive as strings: numbers are read as numbers where the field is one.
            current[name] = value is JsonValue v && v.GetValueKind() == JsonValueKind.String && current[name]?.GetValueKind() == JsonValueKind.Number
                ? JsonValue.Create(double.Parse(v.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture))
                : value?.DeepClone();
        }
        return current.Deserialize<StandInBehaviour>(Json)!;
    }
}
