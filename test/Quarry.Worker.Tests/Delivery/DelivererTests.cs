using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json.Nodes;
using Quarry.Core.Output;
using Quarry.Parsing.Pipeline;
using Quarry.Parsing.Errors;
using Quarry.Tests.Shared;
using Quarry.Worker.Configuration;
using Quarry.Worker.Delivery;
using Quarry.Worker.Jobs;

namespace Quarry.Worker.Tests.Delivery;

public sealed class DelivererTests(S3Server s3) : IClassFixture<S3Server>
{
    private static readonly OutputBundle Bundle = OutputBundle.From(
        DocumentParser.Parse(File.ReadAllBytes(RepoPaths.Sample("report.pdf")), "report", "txt", new ParseOptions()));

    private static JobRequest Request(Transport t, string archive = "tar.gz") =>
        new() { Kind = InputKind.Base64, Source = "", Basename = "report", Transport = t, ArchiveFormat = archive };

    internal static Dictionary<string, byte[]> ReadTarGz(byte[] archive)
    {
        var files = new Dictionary<string, byte[]>();
        using var tar = new TarReader(new GZipStream(new MemoryStream(archive), CompressionMode.Decompress));
        while (tar.GetNextEntry() is { } entry)
        {
            using var ms = new MemoryStream();
            entry.DataStream?.CopyTo(ms);
            files[entry.Name] = ms.ToArray();
        }
        return files;
    }

    [Fact]
    public async Task Tarball_holds_the_output_folder_as_quarry_parse_lays_it_out()
    {
        var (fields, used, _) = await new Deliverer(new WorkerOptions(), null).DeliverAsync(Bundle, Request(Transport.TarballB64), CancellationToken.None);
        Assert.Equal("tarball_b64", used);
        var files = ReadTarGz(Convert.FromBase64String(fields["tarball_b64"]!.GetValue<string>()));
        Assert.Contains("report/report.md", files.Keys);
        Assert.Contains("report/report_content_list.json", files.Keys);
        Assert.Contains("report/report_content_list_v2.json", files.Keys);
        Assert.Contains("report/report_middle.json", files.Keys);
        Assert.Equal(2, files.Keys.Count(k => k.StartsWith("report/images/", StringComparison.Ordinal))); // the figure and the table's crop
    }

    [Fact]
    public async Task Zip_archives_are_available_too()
    {
        var (fields, _, _) = await new Deliverer(new WorkerOptions(), null).DeliverAsync(Bundle, Request(Transport.TarballB64, "zip"), CancellationToken.None);
        using var zip = new ZipArchive(new MemoryStream(Convert.FromBase64String(fields["tarball_b64"]!.GetValue<string>())));
        Assert.Contains(zip.Entries, e => e.FullName == "report/report.md");
    }

    [Fact]
    public async Task Inline_honours_formats()
    {
        var request = Request(Transport.Inline) with { Formats = new HashSet<string> { "markdown", "content_list" } };
        var (fields, _, _) = await new Deliverer(new WorkerOptions(), null).DeliverAsync(Bundle, request, CancellationToken.None);
        Assert.StartsWith("# Parsing Documents with Quarry", fields["markdown"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.IsType<JsonArray>(fields["content_list"]);
        Assert.Null(fields["middle"]);
        Assert.Null(fields["images"]);
    }

    [Fact]
    public async Task Over_the_cap_without_a_bucket_is_result_too_large_with_a_hint()
    {
        var options = new WorkerOptions { ResultCapBytes = 10_000 };
        var ex = await Assert.ThrowsAsync<JobException>(() => new Deliverer(options, null).DeliverAsync(Bundle, Request(Transport.TarballB64), CancellationToken.None));
        Assert.Equal(ErrorCode.ResultTooLarge, ex.Code);
        Assert.Contains("s3", ex.Message, StringComparison.Ordinal);
        var auto = await Assert.ThrowsAsync<JobException>(() => new Deliverer(options, null).DeliverAsync(Bundle, Request(Transport.Auto), CancellationToken.None));
        Assert.Contains("BUCKET_ENDPOINT_URL", auto.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task S3_without_a_bucket_names_the_missing_variables()
    {
        var options = WorkerOptions.FromVariables(new Dictionary<string, string> { ["BUCKET_NAME"] = "b" });
        var ex = await Assert.ThrowsAsync<JobException>(() => new Deliverer(options, null).DeliverAsync(Bundle, Request(Transport.S3), CancellationToken.None));
        Assert.Contains("BUCKET_ENDPOINT_URL", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("BUCKET_NAME", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task S3_uploads_to_a_real_bucket_and_the_presigned_url_downloads_it()
    {
        using var store = new S3ObjectStore(s3.Bucket);
        var (fields, used, bytes) = await new Deliverer(new WorkerOptions(), store).DeliverAsync(Bundle, Request(Transport.S3), CancellationToken.None);
        Assert.Equal("s3", used);
        var key = fields["bucket_key"]!.GetValue<string>();
        Assert.Matches("^results/report-[0-9a-f]{16}\\.tar\\.gz$", key);
        Assert.Equal(600, fields["tarball_url_expires_in"]!.GetValue<int>());
        using var http = new HttpClient();
        var archive = await http.GetByteArrayAsync(fields["tarball_url"]!.GetValue<string>());
        Assert.Equal(bytes, archive.Length);
        Assert.Contains("report/report.md", ReadTarGz(archive).Keys);
    }

    [Fact]
    public async Task Auto_moves_an_oversized_result_to_the_bucket()
    {
        using var store = new S3ObjectStore(s3.Bucket);
        var options = new WorkerOptions { ResultCapBytes = 10_000 };
        var (fields, used, _) = await new Deliverer(options, store).DeliverAsync(Bundle, Request(Transport.Auto), CancellationToken.None);
        Assert.Equal("s3", used);
        using var http = new HttpClient();
        Assert.NotEmpty(await http.GetByteArrayAsync(fields["tarball_url"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_bucket_that_accepts_and_never_answers_fails_upstream_unavailable_within_the_bound()
    {
        using var stalled = RawTcpServer.Silent();
        using var store = new S3ObjectStore(s3.Bucket with { EndpointUrl = stalled.BaseUrl }, TimeSpan.FromSeconds(2));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<JobException>(() =>
            new Deliverer(new WorkerOptions(), store).DeliverAsync(Bundle, Request(Transport.S3), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(ErrorCode.UpstreamUnavailable, ex.Code);
        Assert.Equal("deliver", ex.Phase);
        Assert.DoesNotContain("Exception", ex.Message, StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(10));
        Assert.True(stalled.Connections >= 1);
    }

    [Fact]
    public async Task Auto_stays_inline_sized_when_it_fits()
    {
        var (_, used, _) = await new Deliverer(new WorkerOptions(), null).DeliverAsync(Bundle, Request(Transport.Auto), CancellationToken.None);
        Assert.Equal("tarball_b64", used);
    }
}
