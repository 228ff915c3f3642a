using Quarry.Tests.Shared;
using UglyToad.PdfPig;

namespace Quarry.Cli.Tests.Commands;

/// <summary><c>quarry parse --debug-pdfs</c>: MinerU's <c>_layout.pdf</c> and <c>_span.pdf</c> beside the other files, for PDF inputs only.</summary>
public sealed class DebugPdfsOptionTests : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), "quarry-cli-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_out))
        {
            Directory.Delete(_out, recursive: true);
        }
    }

    [Fact]
    public async Task With_the_option_a_pdf_gets_both_files_and_an_image_input_none()
    {
        var (code, _, stderr) = await Cli.Run(["parse", RepoPaths.Sample("report.pdf"), RepoPaths.Sample("scan-2p.tif"), "-o", _out, "--debug-pdfs", "--no-progress"]);
        Assert.Equal(0, code);
        Assert.DoesNotContain("debug PDFs", stderr, StringComparison.Ordinal);
        foreach (var file in new[] { "report_layout.pdf", "report_span.pdf" })
        {
            using var pdf = PdfDocument.Open(Path.Combine(_out, "report", file));
            Assert.Equal(2, pdf.NumberOfPages);
            Assert.NotEmpty(pdf.GetPage(1).Paths);
        }
        Assert.True(File.Exists(Path.Combine(_out, "scan-2p", "scan-2p.md")));
        Assert.Empty(Directory.GetFiles(Path.Combine(_out, "scan-2p"), "*.pdf"));
    }

    [Fact]
    public async Task Without_the_option_no_debug_pdf_is_written()
    {
        var (code, _, _) = await Cli.Run(["parse", RepoPaths.Sample("report.pdf"), "-o", _out, "--quiet"]);
        Assert.Equal(0, code);
        Assert.True(File.Exists(Path.Combine(_out, "report", "report.md")));
        Assert.Empty(Directory.GetFiles(Path.Combine(_out, "report"), "*.pdf"));
    }

    [Fact]
    public async Task The_mineru_layout_puts_them_in_the_method_folder()
    {
        var (code, _, _) = await Cli.Run(["parse", RepoPaths.Sample("report.pdf"), "-o", _out, "--quiet", "--debug-pdfs", "-e", "txt", "--layout", "mineru"]);
        Assert.Equal(0, code);
        Assert.True(File.Exists(Path.Combine(_out, "report", "txt", "report_layout.pdf")));
        Assert.True(File.Exists(Path.Combine(_out, "report", "txt", "report_span.pdf")));
    }
}
