using System.Diagnostics;
using Quarry.Parsing.Errors;

namespace Quarry.Parsing.Rasterization;

/// <summary>
/// Runs a command-line decoder (pdftoppm, opj_decompress) bounded in time: killed with its children when the
/// budget ends or the caller cancels, and a missing program is named with the Debian package that ships it.
/// </summary>
internal static class ToolProcess
{
    private const int CancelPollMilliseconds = 50;

    /// <summary>Runs <paramref name="tool"/> to completion; returns its exit code and standard error.</summary>
    /// <param name="what">What the run does, for the timeout message ("rendering pages 1–4").</param>
    public static (int ExitCode, string Stderr) Run(string tool, string package, IEnumerable<string> args, string what, TimeSpan budget, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        Process process;
        try
        {
            process = Process.Start(psi)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new ParseException(ErrorCode.Internal, $"{tool} is not installed (Debian package {package})", ex);
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync(ct);
            _ = process.StandardOutput.ReadToEndAsync(ct);
            // Wait for the exit, the budget or the caller's cancel, whichever comes first, polling rather
            // than awaiting: an await would need a pool thread to notice the exit, and a parse keeps the
            // pool busy. The process is killed within a poll of a cancel, not when the budget ends.
            var clock = Stopwatch.StartNew();
            while (!process.WaitForExit(CancelPollMilliseconds))
            {
                if (ct.IsCancellationRequested || clock.Elapsed > budget)
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit();
                    ct.ThrowIfCancellationRequested();
                    throw new ParseException(ErrorCode.Timeout, $"{what} took longer than {budget.TotalSeconds:F0} s");
                }
            }
            return (process.ExitCode, stderr.Result.Trim());
        }
    }
}
