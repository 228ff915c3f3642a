using System.CommandLine;
using Quarry.Worker.RunPod;

namespace Quarry.Cli.Commands;

/// <summary><c>quarry worker</c>: the RunPod Serverless worker, driven by RunPod's <c>RUNPOD_*</c> variables.</summary>
public static class WorkerCommand
{
    public static Command Create()
    {
        var command = new DocumentedCommand("worker", "RunPod Serverless worker (started by default when RUNPOD_WEBHOOK_GET_JOB is set)")
        {
            Epilog = """
                Runs as a RunPod Serverless worker: takes jobs from RUNPOD_WEBHOOK_GET_JOB, reports to
                RUNPOD_WEBHOOK_POST_OUTPUT, heartbeats to RUNPOD_WEBHOOK_PING every RUNPOD_PING_INTERVAL ms.
                `quarry` with no arguments starts this mode when RUNPOD_WEBHOOK_GET_JOB is set.
                SIGTERM/Ctrl-C: stop taking jobs, finish those in hand, exit.
                """,
        };
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult a, CancellationToken ct)
    {
        var stderr = a.InvocationConfiguration.Error;
        using var boot = Boot.Start("worker", ct);
        if (!RunPodSettings.Present(boot.Environment))
        {
            await stderr.WriteLineAsync("error: RUNPOD_WEBHOOK_GET_JOB is not set; quarry worker runs under RunPod (use quarry serve to self-host)");
            return 2;
        }
        using var worker = new RunPodWorker(RunPodSettings.From(boot.Environment), boot.Services.Options, boot.Services.Handler, boot.Services.Log, gate: boot.ModelServer);
        await worker.RunAsync(ct);
        return worker.Unhealthy ? 1 : 0;
    }
}
