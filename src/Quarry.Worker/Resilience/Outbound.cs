using System.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Quarry.Worker.Resilience;

/// <summary>
/// The one place outbound calls get their bounds and retries (Polly v8): connect timeouts for the sockets,
/// timeouts around whole calls, and the job-done retry RunPod's own SDK uses. A stalled peer then fails a
/// call within a known time instead of holding a job slot.
/// </summary>
public static class Outbound
{
    private static readonly TimeSpan MaxConnectTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long a TCP/TLS connect may take: the upstream bound, but never more than 10 s.</summary>
    public static TimeSpan ConnectTimeout(TimeSpan upstream) => upstream < MaxConnectTimeout ? upstream : MaxConnectTimeout;

    /// <summary>A socket handler whose connects give up after <see cref="ConnectTimeout"/>.</summary>
    public static SocketsHttpHandler Handler(TimeSpan upstream) => new()
    {
        ConnectTimeout = ConnectTimeout(upstream),
        PooledConnectionLifetime = TimeSpan.FromMinutes(5), // DNS changes are picked up
    };

    /// <summary>Fails the call with <see cref="TimeoutRejectedException"/> once <paramref name="timeout"/> has passed.</summary>
    public static ResiliencePipeline Timeout(TimeSpan timeout) => new ResiliencePipelineBuilder().AddTimeout(timeout).Build();

    /// <summary>
    /// A POST that is safe to repeat (RunPod's job-done is idempotent per job): each attempt is bounded by
    /// <paramref name="attemptTimeout"/>; a 5xx, a broken connection or a timed-out attempt is tried again,
    /// three attempts in all, 2 s then 3 s apart, as runpod-python does. A 4xx is final.
    /// </summary>
    public static ResiliencePipeline<HttpResponseMessage> RepeatablePost(TimeSpan attemptTimeout, Action<Outcome<HttpResponseMessage>>? onRetry = null) =>
        new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = 2,
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(TimeSpan.FromSeconds(args.AttemptNumber + 2)),
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(r => r.StatusCode >= HttpStatusCode.InternalServerError),
                OnRetry = args =>
                {
                    onRetry?.Invoke(args.Outcome);
                    return default;
                },
            })
            .AddTimeout(attemptTimeout)
            .Build();

    /// <summary>
    /// A webhook delivery as RunPod makes it: up to 3 attempts, <paramref name="retryDelay"/> apart (RunPod: 10 s),
    /// again whenever the receiver does not answer 2xx or cannot be reached; each attempt bounded by <paramref name="attemptTimeout"/>.
    /// </summary>
    public static ResiliencePipeline<HttpResponseMessage> Webhook(TimeSpan attemptTimeout, TimeSpan retryDelay) =>
        new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = 2,
                Delay = retryDelay,
                BackoffType = DelayBackoffType.Constant,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(r => !r.IsSuccessStatusCode),
            })
            .AddTimeout(attemptTimeout)
            .Build();

    /// <summary>
    /// RunPod's heartbeat as runpod-python sends it: a 429, a 5xx or a broken connection is tried again, up to 3
    /// retries with exponential backoff from <paramref name="firstRetryDelay"/>; each attempt bounded by <paramref name="attemptTimeout"/>.
    /// </summary>
    public static ResiliencePipeline<HttpResponseMessage> Heartbeat(TimeSpan attemptTimeout, TimeSpan firstRetryDelay) =>
        new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = 3,
                Delay = firstRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(r => r.StatusCode == HttpStatusCode.TooManyRequests || r.StatusCode >= HttpStatusCode.InternalServerError),
            })
            .AddTimeout(attemptTimeout)
            .Build();
}
