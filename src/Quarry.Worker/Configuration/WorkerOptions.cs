namespace Quarry.Worker.Configuration;

/// <summary>
/// Everything the job pipeline and its hosts read from the environment (DESIGN.md section 4). Quarry's own
/// <c>QUARRY_*</c> names win; mineru-runpod's <c>MINERU_*</c> names are read too, for drop-in compatibility.
/// </summary>
public sealed record WorkerOptions
{
    public BucketOptions? Bucket { get; init; }

    /// <summary>Names of the BUCKET_* variables that are missing, when some but not all are set.</summary>
    public IReadOnlyList<string> MissingBucketVariables { get; init; } = [];

    public int MaxConcurrency { get; init; } = 1;
    public bool SkipWarmup { get; init; }
    public bool AllowLocalFetch { get; init; }
    public IReadOnlyList<string> VolumeRoots { get; init; } = ["/runpod-volume", "/workspace", "/tmp"];
    public int MaxPagesPerJob { get; init; }
    public int RefreshAfterJobs { get; init; }
    public int RefreshAfterPages { get; init; }
    public string? VlmServerUrl { get; init; }
    public IReadOnlyList<string> AllowedServerHosts { get; init; } = [];
    public bool EnforceServerHosts { get; init; }

    /// <summary>Serialized result cap (RunPod's gateway answers ~20 MB at most).</summary>
    public long ResultCapBytes { get; init; } = 20_000_000;
    public long MaxFetchBytes { get; init; } = 200L * 1024 * 1024;
    public long MaxBase64Bytes { get; init; } = 20L * 1024 * 1024;
    public TimeSpan FetchTimeout { get; init; } = TimeSpan.FromSeconds(120);
    public int MaxRedirects { get; init; } = 5;

    /// <summary>
    /// Bound on each wait for a peer (S3, a file host's next bytes): a peer that accepts and
    /// never answers fails the call within this time. Connects get at most 10 s of it.
    /// </summary>
    public TimeSpan UpstreamTimeout { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan JobTimeout { get; init; } = TimeSpan.FromMinutes(10);
    public string LogFormat { get; init; } = "json";

    /// <summary>Whether <c>probe: true</c> is answered (it shows paths and model details an operator may want hidden).</summary>
    public bool ProbeEnabled { get; init; } = true;

    public static WorkerOptions FromEnvironment() => FromVariables(Environment.GetEnvironmentVariables()
        .Cast<System.Collections.DictionaryEntry>()
        .ToDictionary(e => (string)e.Key, e => e.Value as string ?? "", StringComparer.Ordinal));

    public static WorkerOptions FromVariables(IReadOnlyDictionary<string, string> env)
    {
        string? Get(params string[] names) => names.Select(n => env.GetValueOrDefault(n)).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
        bool Flag(params string[] names) => Get(names) is { } v && v.Trim().ToLowerInvariant() is "1" or "true" or "yes" or "on";
        int Int(int fallback, params string[] names) => int.TryParse(Get(names), out var n) ? n : fallback;
        long Long(long fallback, params string[] names) => long.TryParse(Get(names), out var n) ? n : fallback;

        var (bucket, missing) = BucketOptions.From(env);
        return new WorkerOptions
        {
            Bucket = bucket,
            MissingBucketVariables = missing,
            MaxConcurrency = Math.Max(1, Int(1, "QUARRY_MAX_CONCURRENCY", "MINERU_MAX_CONCURRENCY")),
            SkipWarmup = Flag("QUARRY_SKIP_WARMUP", "MINERU_SKIP_WARMUP"),
            AllowLocalFetch = Flag("QUARRY_ALLOW_LOCAL_FETCH", "MINERU_ALLOW_LOCAL_FETCH"),
            VolumeRoots = (Get("QUARRY_VOLUME_ROOTS", "MINERU_VOLUME_ROOTS") ?? "/runpod-volume,/workspace,/tmp")
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            MaxPagesPerJob = Int(0, "QUARRY_MAX_PAGES_PER_JOB", "MINERU_MAX_PAGES_PER_JOB"),
            RefreshAfterJobs = Int(0, "REFRESH_WORKER_AFTER_JOBS"),
            RefreshAfterPages = Int(0, "REFRESH_WORKER_AFTER_PAGES"),
            VlmServerUrl = Get("QUARRY_VLM_SERVER_URL"),
            AllowedServerHosts = (Get("QUARRY_ALLOWED_SERVER_HOSTS") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            EnforceServerHosts = Flag("QUARRY_ENFORCE_SERVER_HOSTS"),
            ResultCapBytes = Long(20_000_000, "QUARRY_RESULT_CAP_BYTES"),
            MaxFetchBytes = Long(200L * 1024 * 1024, "QUARRY_MAX_FETCH_BYTES"),
            FetchTimeout = TimeSpan.FromSeconds(Math.Clamp(Int(120, "QUARRY_FETCH_TIMEOUT_SECONDS"), 1, 86_400)),
            UpstreamTimeout = TimeSpan.FromSeconds(Math.Clamp(Int(30, "QUARRY_UPSTREAM_TIMEOUT_SECONDS"), 1, 3600)),
            JobTimeout = TimeSpan.FromSeconds(Int(600, "QUARRY_JOB_TIMEOUT_SECONDS")),
            LogFormat = Get("LOG_FORMAT") ?? "json",
            // As mineru-runpod: only an explicit negative keeps the probe on, so a typo hides rather than exposes.
            ProbeEnabled = Get("QUARRY_DISABLE_PROBE", "MINERU_DISABLE_PROBE") is not { } disable
                || disable.Trim().ToLowerInvariant() is "0" or "false" or "no" or "off",
        };
    }
}

/// <summary>An S3-compatible bucket for the <c>s3</c> transport (BUCKET_* variables).</summary>
public sealed record BucketOptions(string EndpointUrl, string Name, string AccessKeyId, string SecretAccessKey)
{
    public string Region { get; init; } = "auto";
    public string Prefix { get; init; } = "";
    public int PresignTtlSeconds { get; init; } = 3600;

    internal static (BucketOptions? Bucket, IReadOnlyList<string> Missing) From(IReadOnlyDictionary<string, string> env)
    {
        string[] required = ["BUCKET_ENDPOINT_URL", "BUCKET_NAME", "BUCKET_ACCESS_KEY_ID", "BUCKET_SECRET_ACCESS_KEY"];
        var values = required.Select(n => env.GetValueOrDefault(n)).ToArray();
        var missing = required.Where((_, i) => string.IsNullOrWhiteSpace(values[i])).ToList();
        if (missing.Count > 0)
        {
            return (null, missing);
        }
        var ttl = int.TryParse(env.GetValueOrDefault("BUCKET_PRESIGN_TTL_SECONDS"), out var t) ? Math.Clamp(t, 60, 604800) : 3600;
        return (new BucketOptions(values[0]!, values[1]!, values[2]!, values[3]!)
        {
            Region = env.GetValueOrDefault("BUCKET_REGION") is { Length: > 0 } r ? r : "auto",
            Prefix = (env.GetValueOrDefault("BUCKET_PREFIX") ?? "").Trim('/'),
            PresignTtlSeconds = ttl,
        }, []);
    }

    public override string ToString() => $"BucketOptions {{ EndpointUrl = {EndpointUrl}, Name = {Name}, AccessKeyId = ***, SecretAccessKey = *** }}";
}
