using System.Text.Json;
using System.Text.Json.Nodes;
using Quarry.Tests.Shared;
using Quarry.Worker.Configuration;
using Quarry.Worker.Pipeline;
using Quarry.Worker.Telemetry;

namespace Quarry.Worker.Tests.Pipeline;

public class JobHandlerTests
{
    private static readonly string ReportB64 = Convert.ToBase64String(File.ReadAllBytes(RepoPaths.Sample("report.pdf")));

    private static async Task<JsonObject> Handle(object input, WorkerOptions? options = null, ProgressReporter? progress = null, StringWriter? log = null)
    {
        using var services = new WorkerServices(options ?? new WorkerOptions(), log is null ? JobLog.Null : new JobLog(log, json: true));
        return await services.Handler.HandleAsync("job-x", JsonSerializer.SerializeToElement(input), progress, CancellationToken.None);
    }

    private static string Code(JsonObject o) => o["error_code"]!.GetValue<string>();

    [Fact]
    public async Task Success_echoes_the_range_and_times_every_phase()
    {
        var log = new StringWriter();
        var o = await Handle(new { file_b64 = ReportB64, basename = "r", start_page = 1, end_page = 5 }, log: log);
        Assert.True(o["ok"]!.GetValue<bool>());
        var range = o["results"]![0]!["pages_requested"]!;
        Assert.Equal(1, range["start_page"]!.GetValue<int>());
        Assert.Equal(1, range["end_page"]!.GetValue<int>());
        Assert.Equal("tarball_b64", o["results"]![0]!["transport"]!.GetValue<string>());
        var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(["starting job", "done"], lines.Select(l => l["msg"]!.GetValue<string>()));
        Assert.All(lines, l => Assert.Equal("job-x", l["job_id"]!.GetValue<string>()));
        Assert.NotNull(lines[1]["phase_ms"]!["parse"]);
    }

    [Fact]
    public async Task Progress_is_reported_in_order_and_awaited()
    {
        var seen = new List<string>();
        await Handle(new { file_b64 = ReportB64 }, progress: async p =>
        {
            await Task.Delay(10);
            seen.Add(p["phase"]!.GetValue<string>() + (p["pages"] is { } n ? ":" + n : ""));
        });
        Assert.Equal(["fetching_input", "parsing", "parsing:2"], seen);
    }

    [Theory]
    [InlineData("vlm-http-client", "auto", "UPSTREAM_UNAVAILABLE", "backend")]
    [InlineData("hybrid-engine", "auto", "UPSTREAM_UNAVAILABLE", "backend")]
    public async Task Engines_this_build_lacks_are_clear_errors(string backend, string method, string code, string field)
    {
        var o = await Handle(new { file_b64 = ReportB64, backend, parse_method = method });
        Assert.Equal(code, Code(o));
        Assert.Equal(field, o["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Page_limit_and_broken_pdfs_get_their_codes()
    {
        Assert.Equal("INPUT_TOO_LARGE", Code(await Handle(new { file_b64 = ReportB64 }, new WorkerOptions { MaxPagesPerJob = 1 })));
        var encrypted = Convert.ToBase64String(File.ReadAllBytes(Path.Combine(RepoPaths.Corpus("bad"), "encrypted-user-password.pdf")));
        var o = await Handle(new { file_b64 = encrypted });
        Assert.Equal("PDF_ENCRYPTED", Code(o));
        Assert.Equal("parse", o["debug"]!["phase"]!.GetValue<string>());
        Assert.StartsWith("PDF_ENCRYPTED: ", o["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_past_its_deadline_times_out()
    {
        var o = await Handle(new { file_b64 = ReportB64 }, new WorkerOptions { JobTimeout = TimeSpan.FromTicks(1) });
        Assert.Equal("TIMEOUT", Code(o));
    }

    [Fact]
    public void Warmup_parses_its_own_pdf() =>
        Assert.True(Quarry.Worker.Warmup.Warmup.Run(JobLog.Null) > TimeSpan.Zero);

    [Fact]
    public void Options_read_quarry_names_before_mineru_names()
    {
        var o = WorkerOptions.FromVariables(new Dictionary<string, string>
        {
            ["MINERU_MAX_CONCURRENCY"] = "3",
            ["QUARRY_SKIP_WARMUP"] = "1",
            ["MINERU_SKIP_WARMUP"] = "0",
            ["MINERU_ALLOW_LOCAL_FETCH"] = "true",
            ["BUCKET_ENDPOINT_URL"] = "http://s3.local",
            ["BUCKET_NAME"] = "b",
            ["BUCKET_ACCESS_KEY_ID"] = "k",
            ["BUCKET_SECRET_ACCESS_KEY"] = "s",
            ["BUCKET_PRESIGN_TTL_SECONDS"] = "5",
        });
        Assert.Equal(3, o.MaxConcurrency);
        Assert.True(o.SkipWarmup);
        Assert.True(o.AllowLocalFetch);
        Assert.Equal(60, o.Bucket!.PresignTtlSeconds);
        Assert.DoesNotContain("s\"", o.Bucket.ToString(), StringComparison.Ordinal);
        Assert.Contains("***", o.Bucket.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Degraded_pages_are_listed_with_their_reasons()
    {
        // Page 2 of 3 draws an inline image without /W. Before: the job failed as PDF_CORRUPT.
        var pdf = new TestPdf();
        for (var p = 1; p <= 3; p++)
        {
            pdf.AddPage(TestPdf.Text($"Page {p}.") + (p == 2 ? "BI /H 10 /BPC 8 /CS /G ID\nabcdefghij\nEI\n" : ""));
        }
        var o = await Handle(new { file_b64 = Convert.ToBase64String(pdf.ToBytes()), parse_method = "txt" });
        Assert.True(o["ok"]!.GetValue<bool>(), o.ToJsonString());
        var result = o["results"]![0]!;
        Assert.True(result["degraded"]!.GetValue<bool>());
        var page = Assert.Single(result["degraded_pages"]!.AsArray())!;
        Assert.Equal(1, page["page_idx"]!.GetValue<int>());
        Assert.Equal("content stream unreadable", page["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_clean_document_has_no_degraded_fields()
    {
        var o = await Handle(new { file_b64 = ReportB64 });
        Assert.Null(o["results"]![0]!["degraded"]);
        Assert.Null(o["results"]![0]!["degraded_pages"]);
    }
}
