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
    public async Task A_folder_with_nothing_to_parse_is_a_usage_error_not_a_crash()
    {
        var empty = Directory.CreateTempSubdirectory("quarry-empty-");
        try
        {
            File.WriteAllText(Path.Combine(empty.FullName, "notes.txt"), "no documents here");
            var (code, _, stderr) = await Run("parse", empty.FullName, "-o", Path.Combine(empty.FullName, "out"));
            Assert.Equal(2, code);
            Assert.Contains("no PDF, image or Office document to parse in " + empty.FullName, stderr, StringComparison.Ordinal);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Directory_input_parses_its_pdfs_and_images()
    {
        // samples/ holds PDFs, a scanned PDF, a scanned TIFF and the top of a scan as GIF, BMP, WebP and JPEG 2000:
        // the default engine (auto) reads them all.
        var (code, _, stderr) = await Run("parse", RepoPaths.Samples, "-o", _out, "--quiet");
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        Assert.True(File.Exists(Path.Combine(_out, "two-column", "two-column.md")));
        Assert.True(File.Exists(Path.Combine(_out, "report", "report.md")));
        Assert.True(File.Exists(Path.Combine(_out, "scan-2p", "scan-2p.md")));
        // The four scan-top images share a stem, so each takes its extension into its output name.
        Assert.All(["scan-top_gif", "scan-top_bmp", "scan-top_webp", "scan-top_jp2"], name =>
            Assert.Contains("born-digital documents", File.ReadAllText(Path.Combine(_out, name, name + ".md")), StringComparison.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(_out, "scan-top")));
    }

    [Fact]
    public async Task The_txt_engine_names_the_image_it_cannot_read()
    {
        var (code, _, stderr) = await Run("parse", RepoPaths.Samples, "-o", _out, "--quiet", "-e", "txt");
        Assert.Equal(1, code);
        Assert.True(File.Exists(Path.Combine(_out, "report", "report.md")));
        Assert.Contains("scan-2p.tif: UNSUPPORTED_FORMAT", stderr, StringComparison.Ordinal);
        Assert.Contains("use the ocr or auto engine", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_default_engine_reads_a_scanned_pdf()
    {
        // Before: the default was txt, and the scan gave an empty document with exit code 0.
        var (code, _, stderr) = await Run("parse", RepoPaths.Sample("report-scan.pdf"), "-o", _out, "--no-progress");
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        var markdown = File.ReadAllText(Path.Combine(_out, "report-scan", "report-scan.md"));
        Assert.Contains("Parsing Documents", markdown, StringComparison.Ordinal);
        Assert.Contains("last paragraph ends the sample", markdown, StringComparison.Ordinal); // page 2
    }

    /// <summary>Runs the built CLI in its own process with QUARRY_MODELS_DIR on an empty folder: a machine without the models.</summary>
    private async Task<(int Code, string Out, string Err)> RunWithoutModels(params string[] args)
    {
        var empty = Directory.CreateDirectory(Path.Combine(_out, "no-models")).FullName;
        var psi = new System.Diagnostics.ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "quarry.dll"));
        args.ToList().ForEach(psi.ArgumentList.Add);
        psi.Environment["QUARRY_MODELS_DIR"] = empty;
        using var process = System.Diagnostics.Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task Without_models_a_scan_gets_a_warning_naming_the_document_pages_and_fix()
    {
        var input = RepoPaths.Sample("report-scan.pdf");
        var (code, stdout, stderr) = await RunWithoutModels("parse", input, "-o", _out, "--no-progress");
        Assert.Equal(0, code);
        Assert.Contains("parsed 1/1 inputs", stdout, StringComparison.Ordinal);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"warning: {input}: 2 pages degraded (pages 1–2: needs OCR, but the OCR models are not installed); "
            + "fix: install them with scripts/install-models.sh (./quarry does on first use) or point QUARRY_MODELS_DIR at them", line);
        using var middle = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, "report-scan", "report-scan_middle.json")));
        Assert.All(middle.RootElement.GetProperty("pdf_info").EnumerateArray(), p => Assert.True(p.GetProperty("degraded").GetBoolean()));
    }

    [Fact]
    public async Task Engine_ocr_without_models_fails_with_its_own_code()
    {
        // Before: "INTERNAL: the OCR models are not installed …".
        var input = RepoPaths.Sample("report.pdf");
        var (code, _, stderr) = await RunWithoutModels("parse", input, "-o", _out, "--no-progress", "--engine", "ocr");
        Assert.Equal(1, code);
        Assert.StartsWith($"error: {input}: OCR_UNAVAILABLE: the OCR models are not installed: install them with scripts/install-models.sh", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { 30 }, "30")]
    [InlineData(new[] { 1, 2, 3, 7 }, "1–3, 7")]
    [InlineData(new[] { 1, 3, 5, 7, 9, 10, 11 }, "1, 3, 5, 7 and 3 more")]
    public void Degraded_pages_are_named_as_runs(int[] pages, string expected) =>
        Assert.Equal(expected, Quarry.Cli.Commands.ParseCommand.PageRuns(pages));

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
        var (code, stdout, stderr) = await Run("parse", input, RepoPaths.Sample("report.pdf"), "-o", _out, "--no-progress", "-e", "txt"); // auto would OCR page 30 back
        Assert.Equal(0, code);
        Assert.Contains("parsed 2/2 inputs", stdout, StringComparison.Ordinal);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"warning: {input}: 1 page degraded (page 30: content stream unreadable)", line);
        using var middle = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, "broken", "broken_middle.json")));
        Assert.True(middle.RootElement.GetProperty("pdf_info")[29].GetProperty("degraded").GetBoolean());
    }
}
