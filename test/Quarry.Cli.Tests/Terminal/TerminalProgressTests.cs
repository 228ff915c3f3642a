using System.Diagnostics;
using Quarry.Tests.Shared;

namespace Quarry.Cli.Tests.Terminal;

/// <summary>
/// The progress bar (Spectre.Console) is drawn on a terminal only: the CLI runs as its own process, once with
/// stderr redirected and once under a pseudo-terminal (util-linux <c>script</c>).
/// </summary>
public sealed class TerminalProgressTests : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), "quarry-progress-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_out))
        {
            Directory.Delete(_out, recursive: true);
        }
    }

    private static string Quarry => Path.Combine(AppContext.BaseDirectory, "quarry.dll");

    private static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    private static async Task<(int Code, string Out, string Err)> Start(string file, IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        psi.Environment["TERM"] = "xterm-256color";
        psi.Environment["COLUMNS"] = "120";
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task Redirected_stderr_gets_no_bar_and_no_escape_codes()
    {
        var (code, stdout, stderr) = await Start(Dotnet, [Quarry, "parse", RepoPaths.Sample("report.pdf"), "-o", _out, "-e", "txt"]);
        Assert.Equal(0, code);
        Assert.Contains("parsed 1/1 inputs", stdout, StringComparison.Ordinal);
        Assert.Equal("", stderr);
        Assert.DoesNotContain('\u001b', stdout);
    }

    [Fact]
    public async Task A_terminal_gets_the_bar_with_the_page_count()
    {
        var command = string.Join(' ', new[] { Dotnet, Quarry, "parse", RepoPaths.Sample("report.pdf"), "-o", _out, "-e", "txt" }.Select(Quote));
        // script gives the child a pty for stdin/stdout/stderr and copies what it drew to our stdout.
        var (code, screen, _) = await Start("script", ["-qec", command, "/dev/null"]);
        Assert.Equal(0, code);
        Assert.Contains("2/2 pages", screen, StringComparison.Ordinal);
        Assert.Contains("report.pdf", screen, StringComparison.Ordinal);
        Assert.Contains("\u001b[?25l", screen, StringComparison.Ordinal);
        Assert.Contains("parsed 1/1 inputs", screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_progress_keeps_a_terminal_free_of_the_bar()
    {
        var command = string.Join(' ', new[] { Dotnet, Quarry, "parse", RepoPaths.Sample("report.pdf"), "-o", _out, "-e", "txt", "--no-progress" }.Select(Quote));
        var (code, screen, _) = await Start("script", ["-qec", command, "/dev/null"]);
        Assert.Equal(0, code);
        Assert.Contains("parsed 1/1 inputs", screen, StringComparison.Ordinal);
        Assert.DoesNotContain("2/2 pages", screen, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[?25l", screen, StringComparison.Ordinal); // the bar hides the cursor while it draws
    }

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
