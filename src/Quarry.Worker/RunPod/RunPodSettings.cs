namespace Quarry.Worker.RunPod;

/// <summary>RunPod's worker variables, read the way runpod-python reads them.</summary>
public sealed record RunPodSettings
{
    public required string TakeUrl { get; init; }
    public required string DoneUrl { get; init; }
    public string? PingUrl { get; init; }
    public string? ApiKey { get; init; }
    public string PodId { get; init; } = "local";
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan TakeTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>Bound on each job-done attempt: runpod-python's session timeout, room enough to upload a 20 MB result on a slow link.</summary>
    public TimeSpan DoneTimeout { get; init; } = TimeSpan.FromSeconds(600);

    /// <summary>First pause before a failed heartbeat is sent again (then doubled; runpod-python: backoff factor 1).</summary>
    public TimeSpan PingRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// RunPod's job-stop channel (runpod-python 1.10+): the take URL with <c>/job-take/</c> → <c>/job-stop/</c>,
    /// its query kept. Null when the take URL is not of that form: per-job stop is then off.
    /// </summary>
    public string? StopUrl => TakeUrl.Contains("/job-take/", StringComparison.Ordinal)
        ? TakeUrl.Replace("/job-take/", "/job-stop/", StringComparison.Ordinal)
        : null;

    /// <summary>True when the process runs as a RunPod worker (the job-take webhook is set).</summary>
    public static bool Present(IReadOnlyDictionary<string, string> env) =>
        !string.IsNullOrWhiteSpace(env.GetValueOrDefault("RUNPOD_WEBHOOK_GET_JOB"));

    public static RunPodSettings From(IReadOnlyDictionary<string, string> env)
    {
        var pod = env.GetValueOrDefault("RUNPOD_POD_ID") is { Length: > 0 } p ? p : "local";
        string? Url(string name) => env.GetValueOrDefault(name) is { Length: > 0 } v ? v.Replace("$RUNPOD_POD_ID", pod, StringComparison.Ordinal) : null;
        var interval = int.TryParse(env.GetValueOrDefault("RUNPOD_PING_INTERVAL"), out var ms) && ms > 0 ? ms : 10_000;
        return new RunPodSettings
        {
            TakeUrl = Url("RUNPOD_WEBHOOK_GET_JOB") ?? throw new InvalidOperationException("RUNPOD_WEBHOOK_GET_JOB is not set"),
            DoneUrl = Url("RUNPOD_WEBHOOK_POST_OUTPUT") ?? throw new InvalidOperationException("RUNPOD_WEBHOOK_POST_OUTPUT is not set"),
            PingUrl = Url("RUNPOD_WEBHOOK_PING"),
            ApiKey = env.GetValueOrDefault("RUNPOD_AI_API_KEY"),
            PodId = pod,
            PingInterval = TimeSpan.FromMilliseconds(interval),
        };
    }

    /// <summary>Fills <c>$ID</c> and appends query parameters with <c>?</c> or <c>&amp;</c> as the URL needs.</summary>
    public static string Expand(string template, string id, params (string Key, string Value)[] query)
    {
        var url = template.Replace("$ID", Uri.EscapeDataString(id), StringComparison.Ordinal);
        foreach (var (k, v) in query)
        {
            url += (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + k + "=" + Uri.EscapeDataString(v);
        }
        return url;
    }
}
