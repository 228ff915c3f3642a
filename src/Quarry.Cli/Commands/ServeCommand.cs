using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Quarry.Worker.LocalApi;

namespace Quarry.Cli.Commands;

/// <summary><c>quarry serve</c>: the RunPod-compatible HTTP API on this machine.</summary>
public static class ServeCommand
{
    private static readonly Option<string> Host = new("--host")
    {
        Description = "address to bind (0.0.0.0 for all interfaces)",
        HelpName = "ADDR",
        DefaultValueFactory = _ => "127.0.0.1",
    };
    private static readonly Option<int> Port = CliOption.Int("--port", "N", "port (0 picks a free one)", 8000);

    public static Command Create()
    {
        var command = new DocumentedCommand("serve", "RunPod-compatible HTTP API on this machine")
        {
            Epilog = """
                Serves RunPod's endpoint API locally, at the root and under /v2/{endpointId}/ and /{endpointId}/
                (so RunPod's SDKs work with only their base URL changed): POST /run, POST /runsync?wait=MS,
                GET /status/{id}, GET /status-sync/{id}?wait=MS, GET /stream/{id}, POST /cancel/{id},
                POST /retry/{id}, POST /purge-queue, GET /health; webhook and policy as RunPod.
                Jobs use the same contract as the RunPod worker.
                On SIGTERM or Ctrl+C it drains: new jobs get 503, queued and running jobs finish (up to
                QUARRY_DRAIN_TIMEOUT_SECONDS, default 60), results stay fetchable for QUARRY_DRAIN_LINGER_SECONDS
                (default 10), then it exits 0.
                Environment: QUARRY_API_KEY (require "Authorization: KEY" or "Bearer KEY"), QUARRY_MAX_CONCURRENCY,
                QUARRY_QUEUE_CAPACITY (default 100), QUARRY_QUEUE_MAX_BYTES, QUARRY_RESULT_TTL_SECONDS (default 1800),
                QUARRY_RESULT_MEMORY_BYTES / _SPILL_BYTES / _DISK_BYTES (result retention caps), BUCKET_* for s3,
                and the rest of docs/worker.md.
                """,
        };
        command.Add(Host);
        command.Add(Port);
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult a, CancellationToken ct)
    {
        var stderr = a.InvocationConfiguration.Error;
        var host = a.GetRequiredValue(Host);
        var port = a.GetValue(Port);
        using var boot = Boot.Start("serve", ct);
        var serve = ServeOptions.FromEnvironment();
        var address = $"http://{(host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host)}:{port}";
        await using var app = LocalApiServer.Build(boot.Services, serve, address);
        try
        {
            await app.StartAsync(ct);
        }
        catch (IOException ex) when (ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
        {
            await stderr.WriteLineAsync($"error: cannot listen on {address}: the address is already in use (pick another --port, or --port 0 for a free one)");
            return 2;
        }
        foreach (var url in app.Urls)
        {
            boot.Services.Log.Info("listening", fields: new Dictionary<string, object?> { ["url"] = url });
        }
        try
        {
            await Task.Delay(Timeout.Infinite, ct);
        }
        catch (OperationCanceledException)
        {
        }
        // SIGTERM: refuse new jobs (503), keep answering /status and /health, let queued and running jobs finish.
        var queue = app.Services.GetRequiredService<JobQueue>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        boot.Services.Log.Info("draining", fields: new Dictionary<string, object?>
        {
            ["running"] = queue.Running,
            ["queued"] = queue.Jobs.Count(j => j.Status == JobStatus.InQueue),
            ["drain_timeout_seconds"] = serve.DrainTimeout.TotalSeconds,
        });
        await queue.DrainAsync();
        boot.Services.Log.Info("drained", fields: new Dictionary<string, object?> { ["drain_ms"] = Math.Round(clock.Elapsed.TotalMilliseconds, 1) });
        await app.StopAsync(CancellationToken.None);
        return 0;
    }
}
