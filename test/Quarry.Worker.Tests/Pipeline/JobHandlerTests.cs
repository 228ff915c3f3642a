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
        var range = o["results"]![0]!["page_range"]!;
        Assert.Equal(1, range["start_page"]!.GetValue<int>());
        Assert.Equal(1, range["end_page"]!.GetValue<int>());
        Assert.Equal(2, range["source_pages"]!.GetValue<int>());
        Assert.Equal("tarball_b64", o["results"]![0]!["transport"]!.GetValue<string>());
        var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(["starting job", "done"], lines.Select(l => l["msg"]!.GetValue<string>()));
        Assert.All(lines, l => Assert.Equal("job-x", l["job_id"]!.GetValue<string>()));
        Assert.NotNull(lines[1]["phase_ms"]!["parse"]);
    }

    [Theory]
    [InlineData("scan-top.gif")]
    [InlineData("scan-top.jp2")]
    public async Task Image_jobs_in_the_newer_formats_are_read_by_ocr(string sample)
    {
        var image = Convert.ToBase64String(File.ReadAllBytes(RepoPaths.Sample(sample)));
        var o = await Handle(new { file_b64 = image, transport = "inline", formats = new[] { "markdown" } });
        Assert.True(o["ok"]!.GetValue<bool>(), o.ToJsonString());
        Assert.Contains("born-digital documents", o["results"]![0]!["markdown"]!.GetValue<string>(), StringComparison.Ordinal);

        var txt = await Handle(new { file_b64 = image, parse_method = "txt" });
        Assert.Equal("UNSUPPORTED_FORMAT", Code(txt));
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
    [InlineData("vlm-http-client", "auto", "INVALID_INPUT", "server_url")]
    [InlineData("hybrid-engine", "auto", "INVALID_INPUT", "backend")]
    public async Task Model_backends_without_a_server_are_clear_errors(string backend, string method, string code, string field)
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

    [Theory]
    [InlineData(1, 5, 5)] // the slice asked for, though the document has only 2 pages
    [InlineData(0, 0, 1)]
    [InlineData(1, -1, -1)] // open-ended
    public async Task Pages_requested_is_an_int_as_mineru_runpod_sends_it(int start, int end, int expected)
    {
        var o = await Handle(new { file_b64 = ReportB64, start_page = start, end_page = end });
        Assert.Equal(expected, o["results"]![0]!["pages_requested"]!.GetValue<int>());
    }

    [Fact]
    public async Task Results_carry_the_mineru_format_version_beside_quarrys()
    {
        var o = await Handle(new { file_b64 = ReportB64, transport = "inline", formats = new[] { "middle" } });
        // The same version the middle.json's _version_name declares, which MinerU's readers check; not Quarry's.
        var middle = o["results"]![0]!["middle"]!;
        Assert.Equal(middle["_version_name"]!.GetValue<string>(), o["mineru_version"]!.GetValue<string>());
        Assert.NotEqual(Quarry.Core.Model.QuarryVersion.Current, o["mineru_version"]!.GetValue<string>());
        Assert.Equal(Quarry.Core.Model.QuarryVersion.Current, o["version"]!.GetValue<string>());
        var failed = await Handle(new { file_b64 = "AAAA" });
        Assert.False(failed["ok"]!.GetValue<bool>());
        Assert.Equal(JobHandler.MineruVersion, failed["mineru_version"]!.GetValue<string>());
    }

    [Fact]
    public async Task Source_is_echoed_as_mineru_runpod_spells_it()
    {
        Assert.Equal("b64", (await Handle(new { file_b64 = ReportB64 }))["results"]![0]!["source"]!.GetValue<string>());
        var dir = Directory.CreateTempSubdirectory("quarry-source-");
        try
        {
            var path = Path.Combine(dir.FullName, "report.pdf");
            File.Copy(RepoPaths.Sample("report.pdf"), path);
            var o = await Handle(new { volume_path = path }, new WorkerOptions { VolumeRoots = [dir.FullName] });
            Assert.Equal("volume:" + path, o["results"]![0]!["source"]!.GetValue<string>());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Degraded_is_an_object_whose_items_name_the_pages()
    {
        // Page 2 of 3 draws an inline image without /W: kept, empty, and degraded.
        var pdf = new TestPdf();
        for (var p = 1; p <= 3; p++)
        {
            pdf.AddPage(TestPdf.Text($"Page {p}.") + (p == 2 ? "BI /H 10 /BPC 8 /CS /G ID\nabcdefghij\nEI\n" : ""));
        }
        var o = await Handle(new { file_b64 = Convert.ToBase64String(pdf.ToBytes()), parse_method = "txt", start_page = 1 });
        Assert.True(o["ok"]!.GetValue<bool>(), o.ToJsonString());
        var degraded = o["results"]![0]!["degraded"]!.AsObject();
        Assert.Equal(1, degraded["count"]!.GetValue<int>());
        var item = Assert.Single(degraded["items"]!.AsArray())!;
        Assert.Equal(1, item["page"]!.GetValue<int>()); // source page, as start_page counts
        Assert.Equal(0, item["page_idx"]!.GetValue<int>()); // as middle.json counts, from the first parsed page
        Assert.Equal("content stream unreadable", item["reason"]!.GetValue<string>());
        Assert.Null(o["results"]![0]!["degraded_pages"]);
    }

    [Fact]
    public async Task A_clean_document_has_no_degraded_key()
    {
        var o = await Handle(new { file_b64 = ReportB64 });
        Assert.False(o["results"]![0]!.AsObject().ContainsKey("degraded"));
    }

    [Fact]
    public async Task A_probe_answers_with_the_workers_layout_instead_of_parsing()
    {
        var log = new StringWriter();
        var o = await Handle(new { probe = true, basename = "ignored" }, log: log);
        Assert.True(o["ok"]!.GetValue<bool>(), o.ToJsonString());
        Assert.Null(o["results"]);
        var probe = o["probe"]!;
        // The test binaries sit inside the checkout, whose .quarry/models test.sh installs.
        Assert.True(probe["models_found"]!.GetValue<bool>());
        Assert.Equal(4, probe["models"]!["files"]!.AsObject().Count);
        Assert.All(probe["models"]!["files"]!.AsObject(), f => Assert.True(f.Value!.GetValue<long>() > 0));
        Assert.Equal(["/runpod-volume", "/workspace", "/tmp"], probe["paths"]!["volume_roots"]!.AsArray().Select(r => r!["path"]!.GetValue<string>()));
        Assert.True(probe["paths"]!["volume_roots"]![2]!["exists"]!.GetValue<bool>());
        Assert.Equal(JobHandler.MineruVersion, probe["versions"]!["mineru_format"]!.GetValue<string>());
        Assert.Equal(JobHandler.MineruVersion, o["mineru_version"]!.GetValue<string>());
        Assert.DoesNotContain("parse", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_disabled_probe_is_refused_naming_the_variable_at_submit_and_at_run()
    {
        var options = new WorkerOptions { ProbeEnabled = false };
        var o = await Handle(new { probe = true }, options);
        Assert.Equal("INVALID_INPUT", Code(o));
        Assert.Equal("probe", o["field"]!.GetValue<string>());
        Assert.Contains("QUARRY_DISABLE_PROBE", o["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(o["probe"]);
        using var services = new WorkerServices(options, JobLog.Null);
        Assert.Equal("INVALID_INPUT", Code(services.Handler.Reject("j", JsonSerializer.SerializeToElement(new { probe = true }))!));
        using var open = new WorkerServices(new WorkerOptions(), JobLog.Null);
        Assert.Null(open.Handler.Reject("j", JsonSerializer.SerializeToElement(new { probe = true })));
    }

    [Fact]
    public async Task Probe_false_is_an_ordinary_job_and_probe_must_be_a_boolean()
    {
        Assert.True((await Handle(new { file_b64 = ReportB64, probe = false }))["ok"]!.GetValue<bool>());
        var o = await Handle(new { probe = "yes" });
        Assert.Equal("INVALID_INPUT", Code(o));
        Assert.Equal("probe", o["field"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(null, null, true)] // unset: on, as mineru-runpod
    [InlineData("  ", null, true)] // blank is not a setting
    [InlineData("0", null, true)]
    [InlineData("false", null, true)]
    [InlineData(" NO ", null, true)]
    [InlineData("off", null, true)]
    [InlineData("1", null, false)]
    [InlineData("true", null, false)]
    [InlineData("yes", null, false)]
    [InlineData("typo", null, false)] // an unrecognised value denies rather than exposes
    [InlineData(null, "1", false)] // mineru-runpod's name works too
    [InlineData("0", "1", true)] // Quarry's name wins
    public void Probe_is_disabled_by_any_value_but_an_explicit_no(string? quarry, string? mineru, bool enabled)
    {
        var env = new Dictionary<string, string>();
        if (quarry is not null)
        {
            env["QUARRY_DISABLE_PROBE"] = quarry;
        }
        if (mineru is not null)
        {
            env["MINERU_DISABLE_PROBE"] = mineru;
        }
        Assert.Equal(enabled, WorkerOptions.FromVariables(env).ProbeEnabled);
    }
}
