using System.Text.Json;
using Quarry.Tests.Shared;

namespace Quarry.Cli.Tests.Commands;

/// <summary><c>quarry parse</c> on Office documents: the format is sniffed, the same file set is written.</summary>
public sealed class ParseOfficeTests : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), "quarry-cli-office-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_out))
        {
            Directory.Delete(_out, recursive: true);
        }
    }

    [Theory]
    [InlineData("memo.docx", 1, "# Mosaic Meadow Kettle")]
    [InlineData("deck.pptx", 4, "# Glacier river copper")]
    [InlineData("book.xlsx", 3, "# Lantern0")]
    public async Task Each_format_writes_the_mineru_file_set(string sample, int pages, string firstLine)
    {
        var (code, _, err) = await Cli.Run("parse", RepoPaths.Sample(Path.Combine("office", sample)), "-o", _out, "--quiet");
        Assert.True(code == 0, err);
        var name = Path.GetFileNameWithoutExtension(sample);
        var dir = Path.Combine(_out, name);
        Assert.StartsWith(firstLine + "\n", File.ReadAllText(Path.Combine(dir, name + ".md")), StringComparison.Ordinal);
        using var middle = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, name + "_middle.json")));
        Assert.Equal(pages, middle.RootElement.GetProperty("pdf_info").GetArrayLength());
        using var list = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, name + "_content_list.json")));
        Assert.All(list.RootElement.EnumerateArray(), e => Assert.True(e.GetProperty("page_idx").GetInt32() < pages));
    }

    [Fact]
    public async Task The_format_comes_from_the_bytes_not_the_name_and_ranges_pick_sheets()
    {
        Directory.CreateDirectory(_out);
        var renamed = Path.Combine(_out, "ledger.bin");
        File.Copy(RepoPaths.Sample(Path.Combine("office", "book.xlsx")), renamed);
        var (code, _, err) = await Cli.Run("parse", renamed, "-o", Path.Combine(_out, "o"), "--quiet", "--start-page", "2", "--end-page", "2");
        Assert.True(code == 0, err);
        Assert.StartsWith("# Walnut2\n", File.ReadAllText(Path.Combine(_out, "o", "ledger", "ledger.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Folders_include_office_files()
    {
        var (code, stdout, err) = await Cli.Run("parse", Path.Combine(RepoPaths.Samples, "office"), "-o", _out);
        Assert.True(code == 0, err);
        Assert.Contains("parsed 3/3 inputs", stdout, StringComparison.Ordinal);
    }
}
