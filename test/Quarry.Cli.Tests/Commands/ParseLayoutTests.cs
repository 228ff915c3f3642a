using Quarry.Tests.Shared;

namespace Quarry.Cli.Tests.Commands;

/// <summary><c>quarry parse --layout mineru</c>: files where MinerU puts them, OUT/&lt;stem&gt;/&lt;method&gt;/, stem unchanged.</summary>
public sealed class ParseLayoutTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "quarry-layout-" + Guid.NewGuid().ToString("N"));

    public ParseLayoutTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>The sample under a name MinerU keeps as it is and Quarry's default layout would clean up.</summary>
    private string Input()
    {
        var path = Path.Combine(_dir, "Annual report (v2).pdf");
        File.Copy(RepoPaths.Sample("report.pdf"), path);
        return path;
    }

    [Theory]
    [InlineData("txt")]
    [InlineData("auto")]
    public async Task Mineru_layout_writes_under_the_stem_and_the_method(string engine)
    {
        var output = Path.Combine(_dir, "out");
        var (code, _, err) = await Cli.Run("parse", Input(), "-o", output, "--engine", engine, "--layout", "mineru", "--quiet");
        Assert.True(code == 0, err);
        var dir = Path.Combine(output, "Annual report (v2)", engine);
        foreach (var file in new[] { ".md", "_content_list.json", "_content_list_v2.json", "_middle.json" })
        {
            Assert.True(File.Exists(Path.Combine(dir, "Annual report (v2)" + file)), file);
        }
        Assert.Equal(2, Directory.GetFiles(Path.Combine(dir, "images")).Length); // the figure and the table's crop
        Assert.Single(Directory.GetDirectories(output));
    }

    [Fact]
    public async Task Default_layout_is_unchanged()
    {
        var output = Path.Combine(_dir, "out");
        var (code, _, err) = await Cli.Run("parse", Input(), "-o", output, "--engine", "txt", "--quiet");
        Assert.True(code == 0, err);
        Assert.True(File.Exists(Path.Combine(output, "Annual_report__v2_", "Annual_report__v2_.md")));
    }

    [Fact]
    public async Task An_unknown_layout_is_a_usage_error()
    {
        var (code, _, err) = await Cli.Run("parse", Input(), "-o", Path.Combine(_dir, "out"), "--layout", "flat");
        Assert.Equal(2, code);
        Assert.Contains("unknown layout 'flat'", err, StringComparison.Ordinal);
    }
}
