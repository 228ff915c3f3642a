using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Quarry.Parsing.Errors;
using Quarry.Worker.Configuration;
using Quarry.Worker.Fetching;
using Quarry.Worker.Jobs;

namespace Quarry.Worker.Tests.Fetching;

public sealed class InputFetcherTests : IAsyncLifetime
{
    private static readonly byte[] Pdf = "%PDF-1.4 test body"u8.ToArray();
    private LoopbackServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackServer.StartAsync(app =>
    {
        app.MapGet("/a.pdf", () => Results.Bytes(Pdf, "application/pdf"));
        app.MapGet("/big.pdf", () => Results.Bytes(new byte[4096], "application/pdf"));
        app.MapGet("/missing.pdf", () => Results.NotFound());
        app.MapGet("/hop/{n:int}", (int n) => Results.Redirect(n == 0 ? "/a.pdf" : $"/hop/{n - 1}"));
        app.MapGet("/slow.pdf", async (HttpContext ctx) =>
        {
            await Task.Delay(5000, ctx.RequestAborted);
            return Results.Bytes(Pdf);
        });
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static JobRequest Url(string url) => new() { Kind = InputKind.Url, Source = url };

    private static async Task<JobException> Fails(InputFetcher f, JobRequest r) =>
        await Assert.ThrowsAsync<JobException>(() => f.FetchAsync(r, CancellationToken.None));

    [Fact]
    public async Task Loopback_urls_are_refused_by_default()
    {
        using var f = new InputFetcher(new WorkerOptions());
        var ex = await Fails(f, Url(_server.BaseUrl + "/a.pdf"));
        Assert.Equal(ErrorCode.FetchFailed, ex.Code);
        Assert.Contains("QUARRY_ALLOW_LOCAL_FETCH", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Allowed_local_fetch_downloads_and_follows_redirects()
    {
        using var f = new InputFetcher(new WorkerOptions { AllowLocalFetch = true });
        Assert.Equal(Pdf, await f.FetchAsync(Url(_server.BaseUrl + "/a.pdf"), CancellationToken.None));
        Assert.Equal(Pdf, await f.FetchAsync(Url(_server.BaseUrl + "/hop/3"), CancellationToken.None));
    }

    [Fact]
    public async Task Too_many_redirects_fail()
    {
        using var f = new InputFetcher(new WorkerOptions { AllowLocalFetch = true, MaxRedirects = 2 });
        var ex = await Fails(f, Url(_server.BaseUrl + "/hop/5"));
        Assert.Contains("redirects", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oversized_download_is_input_too_large()
    {
        using var f = new InputFetcher(new WorkerOptions { AllowLocalFetch = true, MaxFetchBytes = 1000 });
        Assert.Equal(ErrorCode.InputTooLarge, (await Fails(f, Url(_server.BaseUrl + "/big.pdf"))).Code);
    }

    [Fact]
    public async Task Http_errors_and_timeouts_are_fetch_failed_without_the_query()
    {
        using var f = new InputFetcher(new WorkerOptions { AllowLocalFetch = true, FetchTimeout = TimeSpan.FromMilliseconds(300) });
        var missing = await Fails(f, Url(_server.BaseUrl + "/missing.pdf?token=secret"));
        Assert.Equal(ErrorCode.FetchFailed, missing.Code);
        Assert.Contains("404", missing.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", missing.Message, StringComparison.Ordinal);
        var slow = await Fails(f, Url(_server.BaseUrl + "/slow.pdf"));
        Assert.Contains("longer than", slow.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Base64_is_decoded_and_capped()
    {
        using var f = new InputFetcher(new WorkerOptions { MaxBase64Bytes = 10 });
        Assert.Equal(new byte[] { 1, 2, 3 }, await f.FetchAsync(new JobRequest { Kind = InputKind.Base64, Source = "AQID" }, CancellationToken.None));
        Assert.Equal(ErrorCode.InputTooLarge, (await Fails(f, new JobRequest { Kind = InputKind.Base64, Source = Convert.ToBase64String(new byte[64]) })).Code);
        Assert.Equal(ErrorCode.InvalidInput, (await Fails(f, new JobRequest { Kind = InputKind.Base64, Source = "not base64!" })).Code);
    }

    [Fact]
    public async Task Volume_paths_must_stay_under_a_root()
    {
        var root = Directory.CreateTempSubdirectory("quarry-vol-").FullName;
        try
        {
            await File.WriteAllBytesAsync(Path.Combine(root, "a.pdf"), Pdf);
            using var f = new InputFetcher(new WorkerOptions { VolumeRoots = [root] });
            Assert.Equal(Pdf, await f.FetchAsync(new JobRequest { Kind = InputKind.Volume, Source = Path.Combine(root, "a.pdf") }, CancellationToken.None));
            var escape = await Fails(f, new JobRequest { Kind = InputKind.Volume, Source = Path.Combine(root, "..", "etc", "passwd") });
            Assert.Equal("volume_path", escape.Field);
            Assert.Equal(ErrorCode.FetchFailed, (await Fails(f, new JobRequest { Kind = InputKind.Volume, Source = Path.Combine(root, "nope.pdf") })).Code);
        }
        finally
        {
            Directory.Delete(root, true);
        }
    }

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.20.0.1", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("::1", false)]
    [InlineData("fd00:ec2::254", false)]
    [InlineData("fe80::1", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    [InlineData("93.184.216.34", true)]
    [InlineData("2606:4700::1111", true)]
    public void Address_policy(string address, bool isPublic) =>
        Assert.Equal(isPublic, AddressPolicy.IsPublic(IPAddress.Parse(address)));
}
