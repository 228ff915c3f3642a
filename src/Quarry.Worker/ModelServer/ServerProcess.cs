using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace Quarry.Worker.ModelServer;

/// <summary>
/// One run of the server command: started with <c>setsid</c> so it leads a process group of its own (vLLM
/// forks engine processes that hold GPU memory; signalling the group reaches them too), its output logged
/// line by line, stopped with SIGTERM to the group and SIGKILL after a grace period.
/// </summary>
internal sealed partial class ServerProcess : IDisposable
{
    private const int SigTerm = 15;
    private const int SigKill = 9;
    private readonly Process _process;
    private readonly bool _ownGroup;

    private ServerProcess(Process process, bool ownGroup)
    {
        _process = process;
        _ownGroup = ownGroup;
    }

    public int Id => _process.Id;
    public DateTimeOffset Started { get; } = DateTimeOffset.UtcNow;
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    public static ServerProcess Start(string command, ILogger logger)
    {
        var setsid = new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists);
        var psi = new ProcessStartInfo(setsid ?? "/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true, // the server must not read the worker's stdin
            UseShellExecute = false,
        };
        if (setsid is not null)
        {
            psi.ArgumentList.Add("/bin/sh");
        }
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("exec " + command); // exec: the pid we hold is the server's, not a shell's
        var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) => Log(logger, "stdout", e.Data);
        process.ErrorDataReceived += (_, e) => Log(logger, "stderr", e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServerProcess(process, setsid is not null);
    }

    private static void Log(ILogger logger, string stream, string? line)
    {
        if (!string.IsNullOrEmpty(line))
        {
            LogLine(logger, stream, line);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "model server {Stream}: {Line}")]
    private static partial void LogLine(ILogger logger, string stream, string line);

    public Task WaitForExitAsync(CancellationToken ct) => _process.WaitForExitAsync(ct);

    /// <summary>SIGTERM, up to <paramref name="grace"/> to exit, then SIGKILL; the group's leftovers are killed either way.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (!_process.HasExited)
        {
            Signal(SigTerm);
            using var wait = new CancellationTokenSource(grace);
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                // It ignored SIGTERM for the whole grace period.
            }
        }
        KillRest();
    }

    /// <summary>SIGKILL to whatever is left of the server: the process, and its group's other members (children it forked).</summary>
    public void KillRest()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        if (_ownGroup)
        {
            _ = Kill(-_process.Id, SigKill); // ESRCH when the group is already empty: nothing to do
        }
        _process.WaitForExit();
    }

    private void Signal(int signal)
    {
        if (_ownGroup)
        {
            _ = Kill(-_process.Id, signal);
        }
        else
        {
            _ = Kill(_process.Id, signal);
        }
    }

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);

    public void Dispose() => _process.Dispose();
}
