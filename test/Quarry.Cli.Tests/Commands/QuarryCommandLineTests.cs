namespace Quarry.Cli.Tests.Commands;

/// <summary>The command tree on System.CommandLine: the old names and aliases, help per command, one-line usage errors.</summary>
public class QuarryCommandLineTests
{
    [Theory]
    [InlineData("parse", new[] { "-o, --output <DIR>", "-e, --engine, --method <NAME>", "-s, --start, --start-page <N>", "-E, --end, --end-page <N>", "-j, --jobs <N>", "--layout <NAME>", "--page-budget <MS>", "--debug-pdfs", "--no-crops", "--no-progress", "--quiet" })]
    [InlineData("serve", new[] { "--host <ADDR>", "--port <N>", "QUARRY_DRAIN_TIMEOUT_SECONDS" })]
    [InlineData("worker", new[] { "RUNPOD_WEBHOOK_GET_JOB" })]
    [InlineData("submit", new[] { "--endpoint <URL|ID>", "--api-key <KEY>", "-o, --output <DIR>", "--transport <NAME>", "-s, --start-page <N>", "-E, --end-page <N>", "--fan-out <PAGES>", "--parallel <N>", "--timeout <SECONDS>", "--no-progress" })]
    [InlineData("batch", new[] { "-j, --concurrency <N>", "--endpoint <URL|ID>", "resumes" })]
    [InlineData("chunk", new[] { "--max-chars <N>", "heading_path" })]
    [InlineData("deploy", new[] { "--name <NAME>", "--image <IMAGE>", "--gpu <ID>", "--cpu", "--workers-min <N>", "--workers-max <N>", "--idle-timeout <S>", "--execution-timeout <S>", "--no-flashboot", "--disk <GB>", "--env <KEY=VALUE>", "--secret <KEY>", "--dry-run", "--api-key <KEY>", "--api-url <URL>" })]
    [InlineData("destroy", new[] { "--name <NAME>", "--keep-template", "--dry-run" })]
    public async Task Each_command_documents_its_options_under_their_old_names(string command, string[] expected)
    {
        foreach (var help in new[] { "--help", "-h" })
        {
            var (code, stdout, stderr) = await Cli.Run(command, help);
            Assert.True(code == 0, stderr);
            Assert.Contains($"quarry {command}", stdout, StringComparison.Ordinal);
            Assert.All(expected, e => Assert.Contains(e, stdout, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task No_arguments_prints_the_command_list_and_exits_2_help_exits_0()
    {
        var (code, stdout, _) = await Cli.Run();
        Assert.Equal(2, code);
        foreach (var command in new[] { "parse", "serve", "worker", "submit", "batch", "chunk", "deploy", "destroy", "version" })
        {
            Assert.Contains($"  {command} ", stdout, StringComparison.Ordinal);
        }
        var (helpCode, helpOut, _) = await Cli.Run("help");
        Assert.Equal(0, helpCode);
        Assert.Equal(stdout, helpOut);
        var (parseCode, parseHelp, _) = await Cli.Run("help", "parse");
        Assert.Equal(0, parseCode);
        Assert.Contains("--engine", parseHelp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_is_quarry_s()
    {
        var (code, stdout, _) = await Cli.Run("--version");
        Assert.Equal(0, code);
        Assert.Equal(Quarry.Core.Model.QuarryVersion.Current, stdout.Trim());
        Assert.Equal(stdout, (await Cli.Run("version")).Out);
    }

    [Theory]
    [InlineData(new[] { "parse", "a.pdf", "-o" }, "error: Required argument missing for option: '-o'. (see quarry parse --help)")]
    [InlineData(new[] { "submit", "a.pdf", "b.pdf", "-o", "out" }, "error: submit takes exactly one FILE or URL (see quarry submit --help)")]
    [InlineData(new[] { "deploy", "--name", "x", "--bogus" }, "error: unknown option --bogus (see quarry deploy --help)")]
    [InlineData(new[] { "chunk", "--max-chars", "many", "out/x" }, "error: option --max-chars expects an integer, got 'many' (see quarry chunk --help)")]
    [InlineData(new[] { "--bogus" }, "error: unknown option --bogus (see quarry --help)")]
    public async Task A_usage_error_is_exactly_one_line_and_exit_2(string[] args, string line)
    {
        var (code, stdout, stderr) = await Cli.Run(args);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Equal(line, stderr.TrimEnd('\n'));
    }

    [Fact]
    public async Task After_a_double_dash_an_input_may_start_with_a_dash()
    {
        // Not "unknown option": the file is looked for, and its absence is that input's own failure (exit 1).
        var output = Path.Combine(Path.GetTempPath(), "quarry-dd-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (code, _, stderr) = await Cli.Run("parse", "-o", output, "--quiet", "--", "-draft.pdf");
            Assert.Equal(1, code);
            Assert.Equal("error: -draft.pdf: INVALID_INPUT: no such file", stderr.Trim());
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }
}
