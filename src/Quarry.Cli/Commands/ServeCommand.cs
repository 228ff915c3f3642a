using Quarry.Worker.LocalApi;

namespace Quarry.Cli.Commands;

/// <summary><c>quarry serve</c>: the RunPod-compatible HTTP API on this machine.</summary>
public static class ServeCommand
{
    public const string Usage = """
        usage: quarry serve [--host ADDR] [--port N]

        Serves RunPod's endpoint API locally: POST /run, POST /runsync?wait=MS, GET /status/{id},
        POST /cancel/{id}, GET /health. Jobs use the same contract as the RunPod worker.
        Environment: QUARRY_API_KEY (require "Authorization: Bearer KEY"), QUARRY_MAX_CONCURRENCY,
        QUARRY_QUEUE_CAPACITY (default 100), QUARRY_RESULT_TTL_SECONDS (default 1800), BUCKET_* for s3,
        and the rest of docs/worker.md.

        options:
          --host ADDR   address to bind (default 127.0.0.1; 0.0.0.0 for all interfaces)
          --port N      port (default 8000; 0 picks a free one)
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, CancellationToken ct)
    {
        var a = new ArgReader(args, new Dictionary<string, string>(), new HashSet<string> { "--host", "--port" }, new HashSet<string> { "--help" });
        if (a.Flag("--help"))
        {
            await stdout.WriteLineAsync(Usage);
            return 0;
        }
        var host = a.Get("--host") ?? "127.0.0.1";
        var port = a.GetInt("--port", 8000);
        using var boot = Boot.Start("serve");
        await using var app = LocalApiServer.Build(boot.Services, ServeOptions.FromEnvironment(), $"http://{(host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host)}:{port}");
        await app.StartAsync(ct);
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
        await app.StopAsync(CancellationToken.None);
        return 0;
    }
}
