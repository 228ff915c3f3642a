using System.Diagnostics.Metrics;

namespace Quarry.Parsing.Readers.Model.Vlm;

/// <summary>
/// The model reader's instruments, on the meter <see cref="MeterName"/> (the host adds it to its exporter).
/// Tags: <c>server</c> (base URL), <c>kind</c> (models / layout / content), <c>outcome</c>.
/// </summary>
public static class VlmMetrics
{
    public const string MeterName = "Quarry.Model";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Logical requests (retries included in one), by kind and outcome (ok, unavailable, breaker_open, timeout, error).</summary>
    internal static readonly Counter<long> Requests = Meter.CreateCounter<long>("quarry.model.requests.total", description: "Requests to the model server, by kind and outcome");

    internal static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("quarry.model.request.duration", "s", "Model request latency including retries, by kind and outcome");

    internal static readonly Counter<long> Retries = Meter.CreateCounter<long>("quarry.model.retries.total", description: "Retried attempts after a transient failure");

    /// <summary>Blocks the repetition guard caught, by outcome: recovered (second try clean) or unread.</summary>
    internal static readonly Counter<long> Degenerate = Meter.CreateCounter<long>("quarry.model.degenerate.total", description: "Degenerate model outputs caught by the repetition guard");

    /// <summary>Breaker state per server: 0 closed, 1 open, 2 half-open, 3 isolated (Polly's CircuitState values).</summary>
    internal static readonly ObservableGauge<int> BreakerState = Meter.CreateObservableGauge(
        "quarry.model.breaker.state",
        () => VlmServer.All.Select(s => new Measurement<int>((int)s.BreakerState, new KeyValuePair<string, object?>("server", s.BaseUrl))),
        description: "Circuit breaker state per model server: 0 closed, 1 open, 2 half-open");

    internal static readonly Counter<long> BreakerTransitions = Meter.CreateCounter<long>("quarry.model.breaker.transitions.total", description: "Circuit breaker transitions, by state entered");

    internal static KeyValuePair<string, object?> Tag(string key, object? value) => new(key, value);
}
