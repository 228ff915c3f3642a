using System.Globalization;
using System.Text.RegularExpressions;
using Quarry.Parsing.Errors;

namespace Quarry.Parsing.Readers.Model.Vlm;

/// <summary>
/// How Quarry reaches an OpenAI-compatible server (vLLM) serving MinerU2.5. Defaults are mineru-vl-utils'
/// (100 in flight, 600 s read timeout, 3 retries) plus the circuit breaker of the split-container manual.
/// Environment names are listed in docs/vlm.md.
/// </summary>
public sealed partial record VlmOptions
{
    public const string ServerUrlVariable = "QUARRY_VLM_SERVER_URL";
    public const string ModelVariable = "QUARRY_VLM_MODEL";
    public const string ApiKeyVariable = "QUARRY_VLM_API_KEY";
    public const string MaxInFlightVariable = "QUARRY_VLM_MAX_IN_FLIGHT";
    public const string TimeoutVariable = "QUARRY_VLM_TIMEOUT_SECONDS";
    public const string RetriesVariable = "QUARRY_VLM_RETRIES";
    public const string MaxTokensVariable = "QUARRY_VLM_MAX_TOKENS";
    public const string BreakerFailuresVariable = "QUARRY_VLM_BREAKER_FAILURES";
    public const string BreakerRecoveryVariable = "QUARRY_VLM_BREAKER_RECOVERY_SECONDS";

    /// <summary>The server as configured; see <see cref="BaseUrl"/> for what requests go to.</summary>
    public required string ServerUrl { get; init; }

    /// <summary>Served model id; null = the only one <c>GET /v1/models</c> lists.</summary>
    public string? Model { get; init; }

    /// <summary>Sent as <c>Authorization: Bearer</c> when set.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Per attempt (mineru-vl-utils' read timeout). Connecting is limited to 10 s separately.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(600);

    /// <summary>Requests in flight to this server at once, layout and content together (mineru-vl-utils: 100).</summary>
    public int MaxInFlight { get; init; } = 100;

    /// <summary>Retries after the first attempt, on transient failures only.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>First backoff step; later ones double, jittered (mineru-vl-utils' backoff factor 0.5).</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(0.5);

    /// <summary>Token cap sent as max_completion_tokens and max_tokens; null = the server's default, as MinerU.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>Consecutive failed attempts that open the breaker (at least 2).</summary>
    public int BreakerFailures { get; init; } = 5;

    /// <summary>How long the breaker stays open before one probe is let through (half-open).</summary>
    public TimeSpan BreakerRecovery { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Told of every breaker transition (server base URL, <c>OPEN</c> / <c>HALF_OPEN</c> / <c>CLOSED</c>), so the
    /// host can log it as the operations runbook greps for it (<c>circuit_breaker_state=OPEN</c>).
    /// </summary>
    public Action<string, string>? OnBreakerStateChanged { get; init; }

    /// <summary>Where requests go: <c>{BaseUrl}/v1/chat/completions</c>.</summary>
    public string BaseUrl => NormalizeServerUrl(ServerUrl);

    /// <summary>
    /// mineru-vl-utils' rule: a URL ending in "/" is kept (less the slash); any other keeps only
    /// scheme://host[:port], so <c>http://h:30000/v1/chat/completions</c> still works.
    /// </summary>
    public static string NormalizeServerUrl(string serverUrl)
    {
        if (serverUrl.EndsWith('/'))
        {
            return serverUrl.TrimEnd('/');
        }
        var m = BaseUrlPattern().Match(serverUrl);
        return m.Success
            ? m.Groups[1].Value
            : throw new ParseException(ErrorCode.InvalidInput, $"invalid VLM server URL '{serverUrl}': expected http(s)://host[:port]");
    }

    /// <summary>Options from the QUARRY_VLM_* variables, or null when <see cref="ServerUrlVariable"/> is unset.</summary>
    public static VlmOptions? FromEnvironment() => FromVariables(Environment.GetEnvironmentVariable);

    /// <summary>
    /// Options for a server named elsewhere (a command-line flag, a job's <c>server_url</c>), with the key
    /// and tuning still from the QUARRY_VLM_* variables.
    /// </summary>
    public static VlmOptions FromEnvironment(string serverUrl) =>
        FromVariables(name => name == ServerUrlVariable ? serverUrl : Environment.GetEnvironmentVariable(name))!;

    internal static VlmOptions? FromVariables(Func<string, string?> get)
    {
        var url = get(ServerUrlVariable);
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }
        var defaults = new VlmOptions { ServerUrl = url.Trim() };
        return defaults with
        {
            Model = NonEmpty(get(ModelVariable)),
            ApiKey = NonEmpty(get(ApiKeyVariable)),
            MaxInFlight = Positive(get(MaxInFlightVariable)) ?? defaults.MaxInFlight,
            RequestTimeout = Positive(get(TimeoutVariable)) is { } s ? TimeSpan.FromSeconds(s) : defaults.RequestTimeout,
            MaxRetries = NonNegative(get(RetriesVariable)) ?? defaults.MaxRetries,
            MaxTokens = Positive(get(MaxTokensVariable)),
            BreakerFailures = Positive(get(BreakerFailuresVariable)) ?? defaults.BreakerFailures,
            BreakerRecovery = Positive(get(BreakerRecoveryVariable)) is { } r ? TimeSpan.FromSeconds(r) : defaults.BreakerRecovery,
        };
    }

    private static string? NonEmpty(string? v) => string.IsNullOrWhiteSpace(v) ? null : v.Trim();

    private static int? Positive(string? v) => NonNegative(v) is int n && n > 0 ? n : null;

    private static int? NonNegative(string? v) =>
        int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    [GeneratedRegex("^(https?://[^/]+)")]
    private static partial Regex BaseUrlPattern();
}
