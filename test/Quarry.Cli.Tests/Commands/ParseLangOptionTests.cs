namespace Quarry.Cli.Tests.Commands;

/// <summary><c>--lang</c>: MinerU's OCR language, refused before any work when it cannot be read here.</summary>
public class ParseLangOptionTests
{
    private static readonly string Sample = Path.Combine(RepoRoot(), "samples", "scan-2p.tif");

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "Quarry.sln")))
        {
            dir = dir.Parent;
        }
        return dir.FullName;
    }

    [Theory]
    [InlineData("arabic", "scripts/install-models.sh arabic")]
    [InlineData("ru", "scripts/install-models.sh east_slavic")]
    [InlineData("klingon", "unknown OCR language 'klingon'")]
    public async Task A_language_that_cannot_be_read_is_an_error_before_any_output(string lang, string message)
    {
        var output = Directory.CreateTempSubdirectory("quarry-lang-cli-").FullName;
        try
        {
            var (code, stdout, stderr) = await Cli.Run("parse", Sample, "-o", output, "--lang", lang, "--no-progress");
            Assert.Equal(2, code);
            Assert.Equal("", stdout);
            Assert.StartsWith("error: ", stderr, StringComparison.Ordinal);
            Assert.Contains(message, stderr, StringComparison.Ordinal);
            Assert.Empty(Directory.EnumerateFileSystemEntries(output));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task Help_lists_the_option() =>
        Assert.Contains("--lang <LANG>", (await Cli.Run("parse", "--help")).Out, StringComparison.Ordinal);
}
