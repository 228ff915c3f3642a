namespace Quarry.Cli.Tests.Commands;

/// <summary><c>quarry parse --vlm-url/--vlm-model/--effort</c> through the whole command line: usage errors before any work.</summary>
public class ParseModelOptionsTests
{
    static ParseModelOptionsTests() => Environment.SetEnvironmentVariable("QUARRY_VLM_SERVER_URL", null);

    [Theory]
    [InlineData(new[] { "-e", "vlm" }, "--engine vlm needs a model server: --vlm-url URL or QUARRY_VLM_SERVER_URL")]
    [InlineData(new[] { "--effort", "high" }, "--effort applies to --engine hybrid only (the engine is auto)")]
    [InlineData(new[] { "-e", "vlm", "--vlm-url", "http://127.0.0.1:1", "--effort", "medium" }, "--effort applies to --engine hybrid only (the engine is vlm)")]
    [InlineData(new[] { "-e", "hybrid", "--vlm-url", "127.0.0.1:30000" }, "--vlm-url '127.0.0.1:30000' is not a model server URL")]
    [InlineData(new[] { "-e", "txt", "--vlm-model", "m" }, "--vlm-url and --vlm-model apply to --engine vlm or hybrid only")]
    [InlineData(new[] { "-e", "hybrid", "--effort", "max" }, "'max'")]
    [InlineData(new[] { "--vlm-api-key", "secret" }, "unknown option --vlm-api-key")]
    public async Task Contradictions_are_one_line_usage_errors(string[] options, string message)
    {
        var (code, stdout, stderr) = await Cli.Run(["parse", "missing.pdf", "-o", "out", .. options]);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(message, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_names_the_options_and_that_the_key_comes_from_the_environment_only()
    {
        var (code, stdout, _) = await Cli.Run("parse", "--help");
        Assert.Equal(0, code);
        Assert.Contains("--vlm-url <URL>", stdout, StringComparison.Ordinal);
        Assert.Contains("--vlm-model <ID>", stdout, StringComparison.Ordinal);
        Assert.Contains("--effort <LEVEL>", stdout, StringComparison.Ordinal);
        Assert.Contains("$QUARRY_VLM_SERVER_URL", stdout, StringComparison.Ordinal);
        Assert.Contains("$QUARRY_VLM_API_KEY only", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("key <", stdout, StringComparison.OrdinalIgnoreCase); // no option takes a key
    }
}
