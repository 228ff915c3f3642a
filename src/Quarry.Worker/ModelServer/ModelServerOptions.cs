using System.Globalization;
using System.Text.RegularExpressions;

namespace Quarry.Worker.ModelServer;

/// <summary>
/// The model server this worker starts and supervises (docs/gpu-worker.md): set when
/// <c>QUARRY_VLM_SERVER_COMMAND</c> is; without it the worker uses <c>QUARRY_VLM_SERVER_URL</c> as it is
/// (split-container mode) and supervises nothing.
/// </summary>
public sealed partial record ModelServerOptions
{
    /// <summary>The server's command line, run through <c>/bin/sh -c "exec …"</c> in a process group of its own.</summary>
    public required string Command { get; init; }

    /// <summary>Where the started server answers (no trailing slash).</summary>
    public required string Url { get; init; }

    /// <summary>Sent as <c>Authorization: Bearer</c> to <c>/v1/models</c> when the server requires a key.</summary>
    public string? ApiKey { get; init; }

    /// <summary>From start until <c>/health</c> and <c>/v1/models</c> answer; past it the start counts as a crash. Weights load and CUDA graphs are captured in this time.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Pause between health polls while starting.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Crashes in a row (each after less than <see cref="StableAfter"/> of uptime) before the supervisor gives up.</summary>
    public int MaxRestarts { get; init; } = 5;

    /// <summary>First restart delay, doubled on each crash in a row (with jitter), up to <see cref="BackoffMax"/>.</summary>
    public TimeSpan BackoffBase { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan BackoffMax { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A server that ran this long before crashing is restarted at once, with the crash count back at zero.</summary>
    public TimeSpan StableAfter { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>While healthy, <c>/health</c> is polled this often; <see cref="LivenessFailures"/> failures in a row restart a hung server.</summary>
    public TimeSpan LivenessInterval { get; init; } = TimeSpan.FromSeconds(10);

    public int LivenessFailures { get; init; } = 3;

    /// <summary>After SIGTERM on shutdown, how long the server gets before SIGKILL.</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Null when no server command is configured.</summary>
    public static ModelServerOptions? FromVariables(IReadOnlyDictionary<string, string> env)
    {
        string? Get(string name) => env.GetValueOrDefault(name) is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        TimeSpan Seconds(string name, TimeSpan fallback) =>
            double.TryParse(Get(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s >= 0 ? TimeSpan.FromSeconds(s) : fallback;

        if (Get("QUARRY_VLM_SERVER_COMMAND") is not { } command)
        {
            return null;
        }
        var defaults = new ModelServerOptions { Command = command, Url = "" };
        return defaults with
        {
            Url = (Get("QUARRY_VLM_SERVER_URL") ?? $"http://127.0.0.1:{PortOf(command)}").TrimEnd('/'),
            ApiKey = Get("QUARRY_VLM_API_KEY"),
            StartTimeout = Seconds("QUARRY_VLM_SERVER_START_TIMEOUT_SECONDS", defaults.StartTimeout),
            MaxRestarts = int.TryParse(Get("QUARRY_VLM_SERVER_MAX_RESTARTS"), out var n) && n >= 0 ? n : defaults.MaxRestarts,
            BackoffBase = Seconds("QUARRY_VLM_SERVER_BACKOFF_SECONDS", defaults.BackoffBase),
            BackoffMax = Seconds("QUARRY_VLM_SERVER_BACKOFF_MAX_SECONDS", defaults.BackoffMax),
            StableAfter = Seconds("QUARRY_VLM_SERVER_STABLE_SECONDS", defaults.StableAfter),
            LivenessInterval = Seconds("QUARRY_VLM_SERVER_LIVENESS_SECONDS", defaults.LivenessInterval),
            StopGrace = Seconds("QUARRY_VLM_SERVER_STOP_GRACE_SECONDS", defaults.StopGrace),
        };
    }

    [GeneratedRegex(@"--port[ =](\d+)")]
    private static partial Regex PortFlag();

    /// <summary>The command's <c>--port</c>, else vLLM's default 8000.</summary>
    private static string PortOf(string command) => PortFlag().Match(command) is { Success: true } m ? m.Groups[1].Value : "8000";
}
