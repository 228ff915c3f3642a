using System.Collections.Concurrent;
using System.Net;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Quarry.Parsing.Readers.Model.Vlm;

/// <summary>
/// What the process shares per model server (by base URL), across documents and readers: the resilience
/// pipeline with its circuit breaker, and the in-flight limit. The first options seen for a server set them.
/// </summary>
internal sealed class VlmServer
{
    /// <summary>
    /// The breaker's rolling window: it opens when at least N attempts fall in the last 10 s and all failed.
    /// Short, so a success from before the server died ages out quickly.
    /// </summary>
    internal static readonly TimeSpan BreakerWindow = TimeSpan.FromSeconds(10);

    private static readonly ConcurrentDictionary<string, VlmServer> Servers = new(StringComparer.Ordinal);

    private readonly CircuitBreakerStateProvider _state = new();

    private VlmServer(VlmOptions options)
    {
        BaseUrl = options.BaseUrl;
        Settings = options;
        InFlight = new SemaphoreSlim(Math.Max(1, options.MaxInFlight));
        Breaker = BuildBreaker(options);
        Pipeline = Build(options, Breaker);
        ProbePipeline = Build(options, breaker: null);
    }

    public static IEnumerable<VlmServer> All => Servers.Values;

    public static VlmServer For(VlmOptions options) => Servers.GetOrAdd(options.BaseUrl, _ => new VlmServer(options));

    public string BaseUrl { get; }

    /// <summary>The options the pipeline and limit were built from.</summary>
    public VlmOptions Settings { get; }

    /// <summary>One limit for layout and content requests alike, as mineru-vl-utils' single semaphore.</summary>
    public SemaphoreSlim InFlight { get; }

    /// <summary>Retry, circuit breaker, per-attempt timeout: for inference requests.</summary>
    public ResiliencePipeline Pipeline { get; }

    /// <summary>
    /// Retry and timeout without the breaker, for <c>GET /v1/models</c>: a configuration probe whose success
    /// must not count as "the server is healthy" between inference failures. Its failures do count
    /// (<see cref="RecordFailureAsync"/>): a job against a dead server never gets past it. Refused while the breaker is open.
    /// </summary>
    public ResiliencePipeline ProbePipeline { get; }

    public bool IsOpen => BreakerState is CircuitState.Open or CircuitState.Isolated;

    public CircuitState BreakerState => _state.CircuitState;

    /// <summary>The circuit breaker alone, shared by <see cref="Pipeline"/>.</summary>
    private ResiliencePipeline Breaker { get; }

    /// <summary>Counts a failed probe attempt towards opening the breaker, as a failed inference attempt counts.</summary>
    public async ValueTask RecordFailureAsync(Exception failure)
    {
        try
        {
            await Breaker.ExecuteAsync(_ => ValueTask.FromException(failure)).ConfigureAwait(false);
        }
        catch (Exception e) when (e == failure || e is BrokenCircuitException)
        {
            // Recorded (or the breaker is already open): the caller throws its own failure.
        }
    }

    /// <summary>Failures that say the server is unwell: connection errors, per-attempt timeouts, 429/502/503/504.</summary>
    internal static bool IsTransient(Exception e) => e is HttpRequestException or TimeoutRejectedException or VlmTransientException;

    private ResiliencePipeline Build(VlmOptions o, ResiliencePipeline? breaker)
    {
        var transient = new PredicateBuilder().Handle<Exception>(IsTransient);
        var builder = new ResiliencePipelineBuilder();
        if (o.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = transient,
                MaxRetryAttempts = o.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = o.RetryBaseDelay,
                MaxDelay = TimeSpan.FromSeconds(30),
                // A server that says when to come back is believed (capped, so a bad header cannot stall a job).
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is VlmTransientException { RetryAfter: { } after } ? Min(after, TimeSpan.FromSeconds(60)) : (TimeSpan?)null),
                OnRetry = _ =>
                {
                    VlmMetrics.Retries.Add(1, VlmMetrics.Tag("server", BaseUrl));
                    return default;
                },
            });
        }
        if (breaker is not null)
        {
            builder.AddPipeline(breaker);
        }
        builder.AddTimeout(o.RequestTimeout);
        return builder.Build();
    }

    private ResiliencePipeline BuildBreaker(VlmOptions o) => new ResiliencePipelineBuilder()
        // Polly v8 breaks on a failure ratio: 1.0 over at least N attempts in the window is "N failures with no success between".
        .AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
            FailureRatio = 1.0,
            MinimumThroughput = Math.Max(2, o.BreakerFailures),
            SamplingDuration = BreakerWindow,
            BreakDuration = Max(o.BreakerRecovery, TimeSpan.FromSeconds(0.5)),
            StateProvider = _state,
            OnOpened = _ => Transition("open"),
            OnHalfOpened = _ => Transition("half_open"),
            OnClosed = _ => Transition("closed"),
        })
        .Build();

    private ValueTask Transition(string state)
    {
        VlmMetrics.BreakerTransitions.Add(1, VlmMetrics.Tag("server", BaseUrl), VlmMetrics.Tag("state", state));
        Settings.OnBreakerStateChanged?.Invoke(BaseUrl, state.ToUpperInvariant());
        return default;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}

/// <summary>A status the server may recover from (429, 502, 503, 504): retried, and counted by the breaker.</summary>
internal sealed class VlmTransientException(HttpStatusCode status, TimeSpan? retryAfter, string body)
    : Exception($"answered {(int)status} {status}: {Truncate(body)}")
{
    public HttpStatusCode Status { get; } = status;

    public TimeSpan? RetryAfter { get; } = retryAfter;

    internal static string Truncate(string s) => s.Length <= 300 ? s : s[..300] + "…";
}
