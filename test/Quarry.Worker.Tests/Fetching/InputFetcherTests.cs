using System.Diagnostics;
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

    private static readonly WorkerOptions Local = new() { AllowLocalFetch = true, FetchTimeout = TimeSpan.FromSeconds(60), UpstreamTimeout = TimeSpan.FromSeconds(2) };

    /// <summary>Fails within 15 s (a stall would hang here) and returns the error and how long it took.</summary>
    private static async Task<(JobException Error, TimeSpan Took)> FailsSoon(InputFetcher f, string url)
    {
        var clock = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<JobException>(() => f.FetchAsync(Url(url), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(15)));
        return (ex, clock.Elapsed);
    }

    [Fact]
    public async Task A_body_shorter_than_its_content_length_is_fetch_failed()
    {
        using var host = RawTcpServer.ThenClose("HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\nContent-Length: 1000\r\n\r\n%PDF-1.4 short");
        using var f = new InputFetcher(Local);
        var (ex, _) = await FailsSoon(f, host.BaseUrl + "/a.pdf");
        Assert.Equal(ErrorCode.FetchFailed, ex.Code);
        Assert.Contains("closed the connection", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_that_never_answers_fails_within_the_upstream_timeout()
    {
        using var host = RawTcpServer.Silent();
        using var f = new InputFetcher(Local);
        var (ex, took) = await FailsSoon(f, host.BaseUrl + "/a.pdf");
        Assert.Equal(ErrorCode.FetchFailed, ex.Code);
        Assert.Contains("2 s", ex.Message, StringComparison.Ordinal);
        Assert.InRange(took, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_body_that_stops_arriving_fails_within_the_upstream_timeout()
    {
        using var host = RawTcpServer.ThenStall("HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\nContent-Length: 100000\r\n\r\n%PDF-1.4 first bytes");
        using var f = new InputFetcher(Local);
        var (ex, took) = await FailsSoon(f, host.BaseUrl + "/a.pdf");
        Assert.Equal(ErrorCode.FetchFailed, ex.Code);
        Assert.InRange(took, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Transport_failures_say_what_to_check_without_library_internals()
    {
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        } // closed again: nothing listens there now
        using var f = new InputFetcher(Local);
        var (refused, _) = await FailsSoon(f, $"http://127.0.0.1:{port}/a.pdf");
        using var garbage = RawTcpServer.ThenClose("SSH-2.0-OpenSSH_9.2\r\n\r\n");
        var (invalid, _) = await FailsSoon(f, garbage.BaseUrl + "/a.pdf");
        Assert.Contains("could not connect", refused.Message, StringComparison.Ordinal);
        Assert.Contains("not a valid HTTP response", invalid.Message, StringComparison.Ordinal);
        Assert.All(new[] { refused, invalid }, e =>
        {
            Assert.Equal(ErrorCode.FetchFailed, e.Code);
            Assert.DoesNotContain("Exception", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("(127.0.0.1:", e.Message, StringComparison.Ordinal);
            Assert.NotNull(e.InnerException); // the detail stays for the debug log
        });
    }
}
