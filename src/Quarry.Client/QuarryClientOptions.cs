namespace Quarry.Client;

/// <summary>Where the client sends jobs and how patient it is.</summary>
public sealed record QuarryClientOptions
{
    /// <summary>Endpoint base: <c>https://api.runpod.ai/v2/{endpoint_id}</c> or a <c>quarry serve</c> URL.</summary>
    public required Uri BaseUrl { get; init; }

    /// <summary>Sent as <c>Authorization: Bearer …</c> when set.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Inputs up to this size use <c>/runsync</c>; larger ones <c>/run</c> + polling.</summary>
    public long RunSyncMaxBytes { get; init; } = 2 * 1024 * 1024;

    /// <summary>RunPod caps a whole request at 10 MB on /run and 20 MB on /runsync.</summary>
    public long RunRequestCapBytes { get; init; } = 10_000_000;
    public long RunSyncRequestCapBytes { get; init; } = 20_000_000;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Bound on one HTTP attempt, body included; must exceed <see cref="RunSyncWait"/>. A timed-out GET is retried.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Bound on a TCP/TLS connect (when the client creates its own HttpClient).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan RunSyncWait { get; init; } = TimeSpan.FromSeconds(90);
    public TimeSpan PollInitial { get; init; } = TimeSpan.FromMilliseconds(250);
    public TimeSpan PollMax { get; init; } = TimeSpan.FromSeconds(5);
    public int MaxRetries { get; init; } = 4;

    /// <summary>Limits when unpacking a tarball result.</summary>
    public long MaxArchiveBytes { get; init; } = 1L << 30;
    public int MaxArchiveEntries { get; init; } = 100_000;

    public static QuarryClientOptions ForRunPod(string endpointId, string apiKey) =>
        new() { BaseUrl = new Uri($"https://api.runpod.ai/v2/{endpointId}/"), ApiKey = apiKey };

    public static QuarryClientOptions ForServer(string baseUrl, string? apiKey = null) =>
        new() { BaseUrl = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/"), ApiKey = apiKey };
}
