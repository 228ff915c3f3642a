using Quarry.Cli.Commands;
using Quarry.Core.Model;
using Quarry.Parsing.Errors;

namespace Quarry.Cli;

public static class Program
{
    private const string Usage = """
        quarry — PDF to Markdown and MinerU-compatible JSON

        usage: quarry <command> [options]

        commands:
          parse INPUT... -o OUT    parse PDFs into OUT/<name>/ (see: quarry parse --help)
          serve [--port N]         RunPod-compatible HTTP API on this machine (quarry serve --help)
          worker                   RunPod Serverless worker (started by default when RUNPOD_* is set)
          submit FILE|URL ...      parse one document on an endpoint (quarry submit --help)
          batch DIR|LIST ...       parse many documents on an endpoint, resumable (quarry batch --help)
          chunk OUT/<name>         RAG section chunks as JSON lines (quarry chunk --help)
          deploy --name N --image I   create/update a RunPod endpoint (quarry deploy --help)
          destroy --name N         delete it
          version                  print the version
        """;

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
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            await stdout.WriteLineAsync(Usage);
            return args.Length == 0 ? 2 : 0;
        }
        try
        {
            return args[0] switch
            {
                "parse" => await ParseCommand.RunAsync(args[1..], stdout, stderr, ct),
                "serve" => await ServeCommand.RunAsync(args[1..], stdout, stderr, ct),
                "worker" => await WorkerCommand.RunAsync(args[1..], stdout, stderr, ct),
                "submit" => await SubmitCommand.RunSubmitAsync(args[1..], stdout, stderr, ct),
                "batch" => await SubmitCommand.RunBatchAsync(args[1..], stdout, stderr, ct),
                "chunk" => await ChunkCommand.RunAsync(args[1..], stdout, ct),
                "deploy" => await DeployCommand.RunDeployAsync(args[1..], stdout, ct),
                "destroy" => await DeployCommand.RunDestroyAsync(args[1..], stdout, ct),
                "version" or "--version" => await Print(stdout, QuarryVersion.Current),
                _ => throw new UsageException($"unknown command '{args[0]}'"),
            };
        }
        catch (UsageException ex)
        {
            await stderr.WriteLineAsync($"error: {ex.Message}\n\n{Usage}");
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

    private static async Task<int> Print(TextWriter w, string text)
    {
        await w.WriteLineAsync(text);
        return 0;
    }
}
