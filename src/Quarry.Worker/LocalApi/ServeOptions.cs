namespace Quarry.Worker.LocalApi;

/// <summary>Settings of <c>quarry serve</c> (docs/worker.md, "quarry serve").</summary>
public sealed record ServeOptions
{
    public int QueueCapacity { get; init; } = 100;

    /// <summary>Bytes of job input (request bodies) that may wait in the queue; past it new jobs get 429.</summary>
    public long QueueMaxBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>How long a <c>/run</c> job's result is kept after it finishes (RunPod: 30 minutes).</summary>
    public TimeSpan ResultRetention { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>How long a <c>/runsync</c> job's result is kept after it finishes (RunPod: 1 minute, whatever <c>?wait=</c> says).</summary>
    public TimeSpan SyncResultRetention { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Pause between webhook attempts (RunPod: 10 s, three attempts in all).</summary>
    public TimeSpan WebhookRetryDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Webhook deliveries under way at once (each holds its status body); past it a delivery is dropped and logged.</summary>
    public int WebhookMaxPending { get; init; } = 256;

    /// <summary>The smallest <c>policy.executionTimeout</c> accepted (RunPod's lower bound: 5 s).</summary>
    public TimeSpan MinExecutionTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The smallest <c>policy.ttl</c> accepted (RunPod's lower bound: 10 s).</summary>
    public TimeSpan MinTtl { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Finished results kept in memory, in bytes of serialized JSON.</summary>
    public long ResultMemoryBytes { get; init; } = 128L * 1024 * 1024;

    /// <summary>A result larger than this goes straight to the spill folder.</summary>
    public long ResultSpillBytes { get; init; } = 1024 * 1024;

    /// <summary>Finished results kept on disk; past it the oldest are evicted.</summary>
    public long ResultDiskBytes { get; init; } = 2L * 1024 * 1024 * 1024;

    /// <summary>On SIGTERM, how long running and queued jobs get to finish before they are failed.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>After the drain, how long the server keeps answering so callers can fetch results they have not fetched yet.</summary>
    public TimeSpan DrainLinger { get; init; } = TimeSpan.FromSeconds(10);

    public string? ApiKey { get; init; }

    public static ServeOptions FromEnvironment() => FromVariables(Environment.GetEnvironmentVariables()
        .Cast<System.Collections.DictionaryEntry>()
        .ToDictionary(e => (string)e.Key, e => e.Value as string ?? "", StringComparer.Ordinal));

    public static ServeOptions FromVariables(IReadOnlyDictionary<string, string> env)
    {
        var defaults = new ServeOptions();
        long Positive(string name, long fallback) => long.TryParse(env.GetValueOrDefault(name), out var n) && n > 0 ? n : fallback;
        TimeSpan Seconds(string name, TimeSpan fallback, long min = 1) =>
            long.TryParse(env.GetValueOrDefault(name), out var n) && n >= min ? TimeSpan.FromSeconds(n) : fallback;
        return new ServeOptions
        {
            QueueCapacity = (int)Math.Min(int.MaxValue, Positive("QUARRY_QUEUE_CAPACITY", defaults.QueueCapacity)),
            QueueMaxBytes = Positive("QUARRY_QUEUE_MAX_BYTES", defaults.QueueMaxBytes),
            ResultRetention = Seconds("QUARRY_RESULT_TTL_SECONDS", defaults.ResultRetention),
            SyncResultRetention = Seconds("QUARRY_SYNC_RESULT_TTL_SECONDS", defaults.SyncResultRetention),
            ResultMemoryBytes = Positive("QUARRY_RESULT_MEMORY_BYTES", defaults.ResultMemoryBytes),
            ResultSpillBytes = Positive("QUARRY_RESULT_SPILL_BYTES", defaults.ResultSpillBytes),
            ResultDiskBytes = Positive("QUARRY_RESULT_DISK_BYTES", defaults.ResultDiskBytes),
            DrainTimeout = Seconds("QUARRY_DRAIN_TIMEOUT_SECONDS", defaults.DrainTimeout, min: 0),
            DrainLinger = Seconds("QUARRY_DRAIN_LINGER_SECONDS", defaults.DrainLinger, min: 0),
            ApiKey = env.GetValueOrDefault("QUARRY_API_KEY") is { Length: > 0 } k ? k : null,
        };
    }
}
