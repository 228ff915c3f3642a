using System.Diagnostics;
using Quarry.Worker.Configuration;
using Quarry.Worker.Pipeline;
using Quarry.Worker.Telemetry;

namespace Quarry.Cli.Commands;

/// <summary>What every long-running host does before it takes a job: read configuration, start telemetry, warm up. Each phase is logged with its duration.</summary>
public sealed class Boot : IDisposable
{
    private Boot(WorkerServices services, TelemetrySetup telemetry, IReadOnlyDictionary<string, string> env)
    {
        Services = services;
        Telemetry = telemetry;
        Environment = env;
    }

    public WorkerServices Services { get; }
    public TelemetrySetup Telemetry { get; }
    public IReadOnlyDictionary<string, string> Environment { get; }

    public static Boot Start(string host)
    {
        var clock = Stopwatch.StartNew();
        var env = System.Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => e.Value as string ?? "", StringComparer.Ordinal);
        var options = WorkerOptions.FromVariables(env);
        var log = JobLog.Console(options.LogFormat);
        var configured = clock.Elapsed;
        var telemetry = TelemetrySetup.FromEnvironment(env);
        var telemetryReady = clock.Elapsed;
        QuarryTelemetry.ColdStarts.Add(1);
        var services = new WorkerServices(options, log);
        var warm = TimeSpan.Zero;
        if (!options.SkipWarmup)
        {
            warm = Quarry.Worker.Warmup.Warmup.Run(log);
        }
        log.Info("ready", fields: new Dictionary<string, object?>
        {
            ["host"] = host,
            ["config_ms"] = Math.Round(configured.TotalMilliseconds, 1),
            ["telemetry_ms"] = Math.Round((telemetryReady - configured).TotalMilliseconds, 1),
            ["telemetry"] = telemetry.Enabled,
            ["warmup_ms"] = options.SkipWarmup ? null : Math.Round(warm.TotalMilliseconds, 1),
            ["boot_ms"] = Math.Round(ProcessAge().TotalMilliseconds, 1),
            ["concurrency"] = options.MaxConcurrency,
            ["bucket"] = options.Bucket is not null,
        });
        return new Boot(services, telemetry, env);
    }

    /// <summary>Time since the process started: what a cold start costs before the first job can run.</summary>
    private static TimeSpan ProcessAge() => DateTime.Now - Process.GetCurrentProcess().StartTime;

    public void Dispose()
    {
        Telemetry.Flush();
        Telemetry.Dispose();
        Services.Dispose();
    }
}
