using System.CommandLine;
using Quarry.Cli.Commands;
using Quarry.Parsing.Errors;

namespace Quarry.Cli;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };
        // SIGTERM (RunPod scaling down, Kubernetes) stops intake; the hosts drain their jobs before exiting.
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, ctx =>
        {
            ctx.Cancel = true;
            cts.Cancel();
        });
        if (args.Length == 0 && !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("RUNPOD_WEBHOOK_GET_JOB")))
        {
            args = ["worker"];
        }
        return await RunAsync(args, Console.Out, Console.Error, cts.Token);
    }

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var root = QuarryCommandLine.Build();
        // Signals are Program's (serve drains on SIGTERM for up to a minute), and failures map to exit codes below.
        var invocation = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
        if (args.Length == 0)
        {
            await root.Parse(["--help"], QuarryCommandLine.Parser).InvokeAsync(invocation, ct);
            return 2;
        }
        if (args[0] == "help")
        {
            args = [.. args[1..], "--help"]; // `quarry help [COMMAND]`
        }
        var result = root.Parse(args, QuarryCommandLine.Parser);
        if (!QuarryCommandLine.IsHelp(result) && QuarryCommandLine.UsageError(result) is { } error)
        {
            await stderr.WriteLineAsync($"error: {error} (see {QuarryCommandLine.HelpHint(result)})");
            return 2;
        }
        try
        {
            return await result.InvokeAsync(invocation, ct);
        }
        catch (UsageException ex)
        {
            await stderr.WriteLineAsync($"error: {ex.Message} (see {QuarryCommandLine.HelpHint(result)})");
            return 2;
        }
        catch (ParseException ex)
        {
            await stderr.WriteLineAsync($"error: {ex}");
            return 2;
        }
        catch (Quarry.Client.QuarryRequestException ex)
        {
            await stderr.WriteLineAsync($"error: {ex.Message}");
            return 1;
        }
        catch (HttpRequestException ex)
        {
            await stderr.WriteLineAsync($"error: the request failed: {ex.Message}");
            return 1;
        }
        catch (OperationCanceledException)
        {
            await stderr.WriteLineAsync("cancelled");
            return 130;
        }
    }
}
