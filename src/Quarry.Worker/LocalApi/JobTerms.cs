using System.Globalization;
using System.Text.Json;
using Quarry.Worker.Fetching;

namespace Quarry.Worker.LocalApi;

/// <summary>
/// What a request asks beside its <c>input</c>, in RunPod's body fields: a <c>webhook</c> to call when the job
/// ends, and a <c>policy</c> (<c>executionTimeout</c> and <c>ttl</c> in ms); plus how long the result is kept,
/// which depends on the route (<c>/runsync</c> results are kept a shorter time, as on RunPod).
/// </summary>
public sealed record JobTerms
{
    private static readonly TimeSpan MaxPolicy = TimeSpan.FromDays(7);

    public Uri? Webhook { get; init; }

    /// <summary>How long the job may run once started; past it the job is stopped and ends TIMED_OUT.</summary>
    public TimeSpan? ExecutionTimeout { get; init; }

    /// <summary>The job's lifespan from submission: a job not started within it is dropped.</summary>
    public TimeSpan? Ttl { get; init; }

    /// <summary>How long the finished result is kept.</summary>
    public TimeSpan Retention { get; init; }

    /// <summary>
    /// Reads <c>webhook</c> and <c>policy</c> from a request body. A webhook must be an http(s) URL whose host, when
    /// an address, passes the same policy as <c>file_url</c> (host names are checked again when the webhook is
    /// called, so DNS cannot slip past it). Null terms come with the reason.
    /// </summary>
    public static (JobTerms? Terms, string? Error) Read(JsonElement body, bool sync, ServeOptions options, bool allowLocal)
    {
        var terms = new JobTerms { Retention = sync ? options.SyncResultRetention : options.ResultRetention };
        if (body.TryGetProperty("webhook", out var webhook) && webhook.ValueKind != JsonValueKind.Null)
        {
            if (webhook.ValueKind != JsonValueKind.String
                || !Uri.TryCreate(webhook.GetString(), UriKind.Absolute, out var url)
                || url.Scheme is not ("http" or "https"))
            {
                return (null, "webhook must be an http(s) URL");
            }
            if (GuardedConnect.IsBlockedLiteral(url, allowLocal))
            {
                return (null, "webhook points at a loopback, private, link-local or metadata address, which this server does not call (set QUARRY_ALLOW_LOCAL_FETCH=1 to allow)");
            }
            terms = terms with { Webhook = url };
        }
        if (!body.TryGetProperty("policy", out var policy) || policy.ValueKind == JsonValueKind.Null)
        {
            return (terms, null);
        }
        if (policy.ValueKind != JsonValueKind.Object)
        {
            return (null, "policy must be an object: {\"executionTimeout\": ms, \"ttl\": ms}");
        }
        var (timeout, timeoutError) = Milliseconds(policy, "executionTimeout", options.MinExecutionTimeout);
        var (ttl, ttlError) = Milliseconds(policy, "ttl", options.MinTtl);
        return (timeoutError ?? ttlError) is { } error ? (null, error) : (terms with { ExecutionTimeout = timeout, Ttl = ttl }, null);
    }

    /// <summary>A <c>?ttl=</c> or policy value in ms, within RunPod's bounds; null when absent.</summary>
    public static (TimeSpan? Value, string? Error) Milliseconds(long ms, string name, TimeSpan min) =>
        ms < min.TotalMilliseconds || ms > MaxPolicy.TotalMilliseconds
            ? (null, $"{name} must be between {min.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} and {MaxPolicy.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms (7 days)")
            : (TimeSpan.FromMilliseconds(ms), null);

    private static (TimeSpan? Value, string? Error) Milliseconds(JsonElement policy, string name, TimeSpan min)
    {
        if (!policy.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return (null, null);
        }
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var ms)
            ? Milliseconds(ms, "policy." + name, min)
            : (null, $"policy.{name} must be a whole number of milliseconds");
    }
}
