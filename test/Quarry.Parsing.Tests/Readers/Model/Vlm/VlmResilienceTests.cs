using System.Diagnostics;
using Polly.CircuitBreaker;
using Quarry.Parsing.Errors;
using Quarry.Parsing.Readers.Model.Vlm;

namespace Quarry.Parsing.Tests.Readers.Model.Vlm;

/// <summary>Timeouts, the per-server circuit breaker and the errors a dead server gives, against real sockets.</summary>
public sealed class VlmResilienceTests
{
    private static readonly byte[] Png = new RgbImage(2, 2).EncodePng();

    [Fact]
    public async Task Breaker_opens_after_N_failed_attempts_and_then_fails_fast_without_touching_the_server()
    {
        await using var server = await ChatServer.StartAsync();
        server.Answer = (_, _) => new Reply(503, "{}");
        var options = new VlmOptions
        {
            ServerUrl = server.BaseUrl,
            Model = server.Models[0],
            MaxRetries = 1,
            RetryBaseDelay = TimeSpan.FromMilliseconds(5),
            BreakerFailures = 4,
            BreakerRecovery = TimeSpan.FromSeconds(30),
        };
        var client = new VlmClient(options);
        Task<VlmCompletion> Call() => client.CompleteAsync("content", Png, VlmPrompts.Text, VlmSampling.Default, CancellationToken.None);

        // Two requests of two attempts each: four consecutive failures.
        for (var i = 0; i < 2; i++)
        {
            var e = await Assert.ThrowsAsync<ParseException>(Call);
            Assert.Contains("answered 503", e.Message, StringComparison.Ordinal);
        }
        Assert.Equal(4, server.Chats.Count);
        Assert.Equal(CircuitState.Open, VlmServer.For(options).BreakerState);

        var sw = Stopwatch.StartNew();
        var open = await Assert.ThrowsAsync<ParseException>(Call);
        sw.Stop();

        Assert.Equal(ErrorCode.UpstreamUnavailable, open.Code);
        Assert.Contains(server.BaseUrl, open.Message, StringComparison.Ordinal);
        Assert.Contains("circuit breaker open", open.Message, StringComparison.Ordinal);
        Assert.Equal(4, server.Chats.Count);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(1), $"open breaker took {sw.Elapsed}");

        // A second reader of the same server (another document) shares the open breaker.
        var other = new VlmClient(options with { ServerUrl = server.BaseUrl + "/v1/chat/completions" });
        await Assert.ThrowsAsync<ParseException>(() => other.CompleteAsync("content", Png, VlmPrompts.Text, VlmSampling.Default, CancellationToken.None));
        Assert.Equal(4, server.Chats.Count);
    }

    [Fact]
    public async Task Breaker_half_opens_after_the_recovery_time_and_a_good_probe_closes_it()
    {
        await using var server = await ChatServer.StartAsync();
        var healthy = false;
        server.Answer = (_, _) => healthy ? Reply.Chat("back") : new Reply(502, "{}");
        var options = new VlmOptions
        {
            ServerUrl = server.BaseUrl,
            Model = server.Models[0],
            MaxRetries = 0,
            BreakerFailures = 2,
            BreakerRecovery = TimeSpan.FromSeconds(0.5),
        };
        var client = new VlmClient(options);
        Task<VlmCompletion> Call() => client.CompleteAsync("content", Png, VlmPrompts.Text, VlmSampling.Default, CancellationToken.None);
        await Assert.ThrowsAsync<ParseException>(Call);
        await Assert.ThrowsAsync<ParseException>(Call);
        Assert.Equal(CircuitState.Open, VlmServer.For(options).BreakerState);

        healthy = true;
        await Task.Delay(TimeSpan.FromSeconds(0.7));

        Assert.Equal("back", (await Call()).Text);
        Assert.Equal(CircuitState.Closed, VlmServer.For(options).BreakerState);
    }

    [Fact]
    public async Task Connection_refused_after_retries_is_upstream_unavailable_naming_the_server()
    {
        var url = ChatServer.DeadUrl();
        var client = new VlmClient(new VlmOptions { ServerUrl = url, RetryBaseDelay = TimeSpan.FromMilliseconds(5), MaxRetries = 2 });

        var e = await Assert.ThrowsAsync<ParseException>(() => client.CompleteAsync("layout", Png, VlmPrompts.Layout, VlmSampling.Layout, CancellationToken.None));

        Assert.Equal(ErrorCode.UpstreamUnavailable, e.Code);
        Assert.Contains(url, e.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be reached", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_slower_than_the_timeout_is_upstream_unavailable()
    {
        await using var server = await ChatServer.StartAsync();
        server.Answer = (_, _) =>
        {
            Thread.Sleep(1500);
            return Reply.Chat("late");
        };
        var client = new VlmClient(new VlmOptions { ServerUrl = server.BaseUrl, Model = server.Models[0], MaxRetries = 0, RequestTimeout = TimeSpan.FromSeconds(0.3) });

        var e = await Assert.ThrowsAsync<ParseException>(() => client.CompleteAsync("content", Png, VlmPrompts.Text, VlmSampling.Default, CancellationToken.None));

        Assert.Equal(ErrorCode.UpstreamUnavailable, e.Code);
        Assert.Contains("did not answer within", e.Message, StringComparison.Ordinal);
    }
}
