using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Quarry.Worker.Configuration;
using Quarry.Worker.ModelServer;
using Quarry.Worker.Pipeline;
using Quarry.Worker.Telemetry;

namespace Quarry.Cli.Commands;

/// <summary>What every long-running host does before it takes a job: read configuration, start telemetry, warm up. Each phase is logged with its duration.</summary>
public sealed class Boot : IDisposable
{
    private Boot(WorkerServices services, TelemetrySetup telemetry, IReadOnlyDictionary<string, string> env, ModelServerSupervisor? modelServer, ILoggerFactory logging)
    {
        Services = services;
        Telemetry = telemetry;
        Environment = env;
        ModelServer = modelServer;
        _logging = logging;
    }

    private readonly ILoggerFactory _logging;

    /// <summary>The supervised model server (QUARRY_VLM_SERVER_COMMAND), healthy when Start returns; null when none is configured.</summary>
    public ModelServerSupervisor? ModelServer { get; }

    public WorkerServices Services { get; }
    public TelemetrySetup Telemetry { get; }
    public IReadOnlyDictionary<string, string> Environment { get; }

    public static Boot Start(string host, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var env = System.Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => e.Value as string ?? "", StringComparer.Ordinal);
        var serverOptions = ModelServerOptions.FromVariables(env);
        // The server this worker supervises is the endpoint's model server unless one is named explicitly.
        var options = WorkerOptions.FromVariables(env);
        if (options.VlmServerUrl is null && serverOptions is not null)
        {
            options = options with { VlmServerUrl = serverOptions.Url };
        }
        var log = JobLog.Console(options.LogFormat);
        var configured = clock.Elapsed;
        var telemetry = TelemetrySetup.FromEnvironment(env);
        var telemetryReady = clock.Elapsed;
        QuarryTelemetry.ColdStarts.Add(1);
        var services = new WorkerServices(options, log);
        var logging = LoggerFactory.Create(b => b.AddProvider(new JobLogLoggerProvider(log)));
        ModelServerSupervisor? modelServer = null;
        if (serverOptions is not null)
        {
            // No job (and no warmup through the model) before the server this worker runs is healthy.
            modelServer = new ModelServerSupervisor(serverOptions, logging.CreateLogger<ModelServerSupervisor>());
            modelServer.Start();
            try
            {
                modelServer.WaitReadyAsync(ct).GetAwaiter().GetResult();
            }
            catch
            {
                modelServer.DisposeAsync().AsTask().GetAwaiter().GetResult(); // never leave the server behind
                throw;
            }
        }
        var serverReady = clock.Elapsed;
        var warm = TimeSpan.Zero;
        if (!options.SkipWarmup)
        {
            var engine = Quarry.Worker.Warmup.Warmup.EngineFor(modelServer is not null, Quarry.Parsing.Pipeline.DocumentParser.EngineNames, log);
            // Through the reader jobs will use, so its connections and model id are warm in a FlashBoot snapshot.
            var model = engine == "vlm" && modelServer is not null ? services.Models.For(modelServer.Url) : null;
            warm = Quarry.Worker.Warmup.Warmup.Run(log, engine, model);
        }
        log.Info("ready", fields: new Dictionary<string, object?>
        {
            ["host"] = host,
            ["config_ms"] = Math.Round(configured.TotalMilliseconds, 1),
            ["telemetry_ms"] = Math.Round((telemetryReady - configured).TotalMilliseconds, 1),
            ["telemetry"] = telemetry.Enabled,
            ["model_server_ms"] = modelServer is null ? null : Math.Round((serverReady - telemetryReady).TotalMilliseconds, 1),
            ["warmup_ms"] = options.SkipWarmup ? null : Math.Round(warm.TotalMilliseconds, 1),
            ["boot_ms"] = Math.Round(ProcessAge().TotalMilliseconds, 1),
            ["concurrency"] = options.MaxConcurrency,
            ["bucket"] = options.Bucket is not null,
        });
        return new Boot(services, telemetry, env, modelServer, logging);
    }

    /// <summary>Time since the process started: what a cold start costs before the first job can run.</summary>
    private static TimeSpan ProcessAge() => DateTime.Now - Process.GetCurrentProcess().StartTime;

    public void Dispose()
    {
        Telemetry.Flush();
        Telemetry.Dispose();
        Services.Dispose();
        // Stops the server (SIGTERM to its process group, SIGKILL after the grace period) before the worker exits.
        ModelServer?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _logging.Dispose();
    }
}
