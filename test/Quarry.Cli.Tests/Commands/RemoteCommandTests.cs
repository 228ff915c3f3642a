using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Quarry.Tests.Shared;
using Quarry.Worker.Configuration;
using Quarry.Worker.LocalApi;
using Quarry.Worker.Pipeline;
using Quarry.Worker.Telemetry;

namespace Quarry.Cli.Tests.Commands;

/// <summary><c>quarry submit</c>, <c>batch</c> and <c>chunk</c> against a real local API on loopback.</summary>
public sealed class RemoteCommandTests : IAsyncLifetime
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), "quarry-remote-" + Guid.NewGuid().ToString("N"));
    private WorkerServices _services = null!;
    private WebApplication _app = null!;

    private string Url => _app.Urls.First();

    public async Task InitializeAsync()
    {
        _services = new WorkerServices(new WorkerOptions { MaxConcurrency = 2 }, JobLog.Null);
        _app = LocalApiServer.Build(_services, new ServeOptions(), "http://127.0.0.1:0");
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _services.Dispose();
        if (Directory.Exists(_out))
        {
            Directory.Delete(_out, true);
        }
    }

    private static Task<(int Code, string Out, string Err)> Run(params string[] args) => Cli.Run(args);

    [Fact]
    public async Task Submit_writes_the_same_folder_as_a_local_parse()
    {
        var (code, stdout, _) = await Run("submit", RepoPaths.Sample("report.pdf"), "--endpoint", Url, "-o", _out);
        Assert.Equal(0, code);
        Assert.Contains("1 parsed, 0 skipped, 0 failed", stdout, StringComparison.Ordinal);
        var local = Path.Combine(_out, "local");
        Assert.Equal(0, (await Run("parse", RepoPaths.Sample("report.pdf"), "-o", local, "--quiet")).Code);
        foreach (var file in new[] { "report.md", "report_content_list.json", "report_content_list_v2.json", "report_middle.json" })
        {
            Assert.Equal(File.ReadAllText(Path.Combine(local, "report", file)), File.ReadAllText(Path.Combine(_out, "report", file)));
        }
    }

    [Fact]
    public async Task Batch_reports_failures_with_codes_and_resumes()
    {
        var inputs = Path.Combine(_out, "in");
        Directory.CreateDirectory(inputs);
        File.Copy(RepoPaths.Sample("report.pdf"), Path.Combine(inputs, "a.pdf"));
        File.Copy(RepoPaths.Sample("two-column.pdf"), Path.Combine(inputs, "b.pdf"));
        File.Copy(Path.Combine(RepoPaths.Corpus("bad"), "not-a-pdf.pdf"), Path.Combine(inputs, "c.pdf"));
        var target = Path.Combine(_out, "out");
        var (code, stdout, _) = await Run("batch", inputs, "--endpoint", Url, "-o", target, "--concurrency", "3");
        Assert.Equal(1, code);
        Assert.Contains("2 parsed, 0 skipped, 1 failed", stdout, StringComparison.Ordinal);
        Assert.Contains("UNSUPPORTED_FORMAT", stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(target, "a", "a.md")));
        var (again, stdout2, _) = await Run("batch", inputs, "--endpoint", Url, "-o", target);
        Assert.Equal(1, again);
        Assert.Contains("0 parsed, 2 skipped, 1 failed", stdout2, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_sends_images_and_office_files_and_keeps_inputs_that_share_a_stem_apart()
    {
        var inputs = Path.Combine(_out, "in-images");
        Directory.CreateDirectory(inputs);
        File.Copy(RepoPaths.Sample("report.pdf"), Path.Combine(inputs, "scan.pdf"));
        File.Copy(RepoPaths.Sample("scan-top.webp"), Path.Combine(inputs, "scan.webp"));
        File.Copy(Path.Combine(RepoPaths.Samples, "office", "memo.docx"), Path.Combine(inputs, "memo.docx"));
        var target = Path.Combine(_out, "out-images");
        var (code, stdout, _) = await Run("batch", inputs, "--endpoint", Url, "-o", target);
        Assert.Equal(0, code);
        Assert.Contains("3 parsed, 0 skipped, 0 failed", stdout, StringComparison.Ordinal);
        Assert.Contains("<table>", File.ReadAllText(Path.Combine(target, "memo", "memo.md")), StringComparison.Ordinal);
        Assert.Contains("Parsing Documents", File.ReadAllText(Path.Combine(target, "scan_pdf", "scan_pdf.md")), StringComparison.Ordinal);
        Assert.Contains("born-digital documents", File.ReadAllText(Path.Combine(target, "scan_webp", "scan_webp.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_with_fan_out_merges_parts()
    {
        var pdf = Path.Combine(RepoPaths.Corpus("synthetic"), "long-text-7-013", "doc.pdf");
        Assert.Equal(0, (await Run("submit", pdf, "--endpoint", Url, "-o", Path.Combine(_out, "one"))).Code);
        Assert.Equal(0, (await Run("submit", pdf, "--endpoint", Url, "-o", Path.Combine(_out, "fan"), "--fan-out", "4")).Code);
        Assert.Equal(File.ReadAllText(Path.Combine(_out, "one", "doc", "doc.md")), File.ReadAllText(Path.Combine(_out, "fan", "doc", "doc.md")));
    }

    [Fact]
    public async Task Chunk_prints_json_lines()
    {
        Assert.Equal(0, (await Run("parse", RepoPaths.Sample("report.pdf"), "-o", _out, "--quiet")).Code);
        var (code, stdout, _) = await Run("chunk", Path.Combine(_out, "report"), "--max-chars", "400");
        Assert.Equal(0, code);
        var chunks = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.True(chunks.Count >= 4);
        Assert.Contains(chunks, c => c["heading_path"]!.AsArray().Select(h => h!.GetValue<string>()).SequenceEqual(["Parsing Documents with Quarry", "1 Introduction", "1.1 What the engine finds"]));
        Assert.All(chunks, c => Assert.True(c["chars"]!.GetValue<int>() <= 400));
    }

    [Fact]
    public async Task Missing_endpoint_or_key_is_a_usage_error()
    {
        Environment.SetEnvironmentVariable("QUARRY_ENDPOINT", null);
        var (code, _, stderr) = await Run("submit", RepoPaths.Sample("report.pdf"), "-o", _out);
        Assert.Equal(2, code);
        Assert.Contains("--endpoint", stderr, StringComparison.Ordinal);
        Environment.SetEnvironmentVariable("RUNPOD_API_KEY", null);
        var (code2, _, stderr2) = await Run("deploy", "--name", "x", "--image", "y", "--dry-run");
        Assert.Equal(2, code2);
        Assert.Contains("RUNPOD_API_KEY", stderr2, StringComparison.Ordinal);
    }
}
