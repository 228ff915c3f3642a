using System.Text.Json;
using Quarry.Tests.Shared;

namespace Quarry.Cli.Tests.Commands;

public sealed class ParseCommandTests : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), "quarry-cli-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_out))
        {
            Directory.Delete(_out, recursive: true);
        }
    }

    private static Task<(int Code, string Out, string Err)> Run(params string[] args) => Cli.Run(args);

    [Fact]
    public async Task Parse_writes_the_minerU_file_set_per_input()
    {
        var (code, stdout, _) = await Run("parse", RepoPaths.Sample("report.pdf"), RepoPaths.Sample("two-column.pdf"), "-o", _out);
        Assert.Equal(0, code);
        Assert.Contains("parsed 2/2 inputs", stdout, StringComparison.Ordinal);
        foreach (var name in new[] { "report", "two-column" })
        {
            var dir = Path.Combine(_out, name);
            foreach (var file in new[] { $"{name}.md", $"{name}_content_list.json", $"{name}_content_list_v2.json", $"{name}_middle.json" })
            {
                Assert.True(File.Exists(Path.Combine(dir, file)), file);
            }
            Assert.True(Directory.Exists(Path.Combine(dir, "images")));
        }
        using var middle = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, "report", "report_middle.json")));
        Assert.Equal(2, middle.RootElement.GetProperty("pdf_info").GetArrayLength());
        // The embedded figure, and the crop of the table.
        Assert.Equal([".jpg", ".png"], Directory.GetFiles(Path.Combine(_out, "report", "images")).Select(Path.GetExtension).Order());
    }

    [Fact]
    public async Task No_crops_leaves_tables_without_an_image()
    {
        var (code, _, err) = await Run("parse", RepoPaths.Sample("report.pdf"), "-o", _out, "--no-crops", "--quiet");
        Assert.True(code == 0, err);
        Assert.Equal([".png"], Directory.GetFiles(Path.Combine(_out, "report", "images")).Select(Path.GetExtension));
        using var list = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, "report", "report_content_list.json")));
        var table = list.RootElement.EnumerateArray().Single(e => e.GetProperty("type").GetString() == "table");
        Assert.Equal("", table.GetProperty("img_path").GetString());
    }

    [Fact]
    public async Task A_failed_input_prints_one_line_and_the_others_still_complete()
    {
        var notPdf = Path.Combine(RepoPaths.Corpus("bad"), "not-a-pdf.pdf");
        var encrypted = Path.Combine(RepoPaths.Corpus("bad"), "encrypted-user-password.pdf");
        var missing = Path.Combine(_out, "missing.pdf");
        var (code, _, stderr) = await Run("parse", notPdf, RepoPaths.Sample("report.pdf"), encrypted, missing, "-o", _out);
        Assert.Equal(1, code);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Contains(lines, l => l.Contains("not-a-pdf.pdf: UNSUPPORTED_FORMAT", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("encrypted-user-password.pdf: PDF_ENCRYPTED", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("missing.pdf: INVALID_INPUT", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(_out, "report", "report.md")));
    }

    [Fact]
    public async Task Page_range_options_select_pages()
    {
        var (code, _, _) = await Run("parse", RepoPaths.Sample("report.pdf"), "-o", _out, "--start-page", "1", "--end-page", "1");
        Assert.Equal(0, code);
        using var middle = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, "report", "report_middle.json")));
        var page = Assert.Single(middle.RootElement.GetProperty("pdf_info").EnumerateArray());
        Assert.Equal(0, page.GetProperty("page_idx").GetInt32());
    }

    [Theory]
    [InlineData(new[] { "parse", "x.pdf" }, "output folder")]
    [InlineData(new[] { "parse", "x.pdf", "-o", "o", "--bogus" }, "unknown option --bogus")]
    [InlineData(new[] { "parse", "x.pdf", "-o", "o", "--start-page", "two" }, "expects an integer")]
    [InlineData(new[] { "parse", "x.pdf", "-o", "o", "--engine", "magic" }, "unknown engine 'magic'")]
    [InlineData(new[] { "frobnicate" }, "unknown command")]
    public async Task Usage_errors_exit_2_with_a_message(string[] args, string message)
    {
        var (code, _, stderr) = await Run(args);
        Assert.Equal(2, code);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Directory_input_parses_its_pdfs_and_images()
    {
        // samples/ holds two PDFs and a scanned TIFF: txt parses the PDFs and names the image it cannot read.
        var (code, _, stderr) = await Run("parse", RepoPaths.Samples, "-o", _out, "--quiet");
        Assert.Equal(1, code);
        Assert.True(File.Exists(Path.Combine(_out, "two-column", "two-column.md")));
        Assert.True(File.Exists(Path.Combine(_out, "report", "report.md")));
        Assert.Contains("scan-2p.tif: UNSUPPORTED_FORMAT", stderr, StringComparison.Ordinal);
        Assert.Contains("use the ocr or auto engine", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_degraded_document_succeeds_with_one_warning_line()
    {
        // 36 pages; page 30 draws an inline image without /W. Before: "error: …: PDF_CORRUPT" and exit 1.
        var pdf = new TestPdf();
        for (var p = 1; p <= 36; p++)
        {
            pdf.AddPage(TestPdf.Text($"Page {p}.") + (p == 30 ? "BI /H 10 /BPC 8 /CS /G ID\nabcdefghij\nEI\n" : ""));
        }
        Directory.CreateDirectory(_out);
        var input = Path.Combine(_out, "broken.pdf");
        File.WriteAllBytes(input, pdf.ToBytes());
        var (code, stdout, stderr) = await Run("parse", input, RepoPaths.Sample("report.pdf"), "-o", _out, "--no-progress");
        Assert.Equal(0, code);
        Assert.Contains("parsed 2/2 inputs", stdout, StringComparison.Ordinal);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"warning: {input}: 1 page degraded (page 30: content stream unreadable)", line);
        using var middle = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, "broken", "broken_middle.json")));
        Assert.True(middle.RootElement.GetProperty("pdf_info")[29].GetProperty("degraded").GetBoolean());
    }
}
