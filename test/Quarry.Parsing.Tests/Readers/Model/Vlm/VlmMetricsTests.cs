using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Quarry.Parsing.Readers.Model.Vlm;

namespace Quarry.Parsing.Tests.Readers.Model.Vlm;

/// <summary>What an operator's dashboard reads: request latency by kind and outcome, and the breaker's state, per server.</summary>
public sealed class VlmMetricsTests
{
    private static readonly byte[] Png = File.ReadAllBytes(ChatServer.Fixture("pil_thin_upscaled.png"));

    [Fact]
    public async Task Request_latency_and_breaker_state_are_measured_per_server()
    {
        await using var healthy = await ChatServer.StartAsync();
        healthy.Answer = (_, _) => Reply.Chat("ok");
        await using var failing = await ChatServer.StartAsync();
        failing.Answer = (_, _) => new Reply(503, "{}");
        VlmOptions Options(ChatServer s) => new() { ServerUrl = s.BaseUrl, MaxRetries = 0, BreakerFailures = 2, BreakerRecovery = TimeSpan.FromMinutes(5) };
        var measurements = new ConcurrentBag<(string Name, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == VlmMetrics.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => measurements.Add((i.Name, v, Tags(tags))));
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => measurements.Add((i.Name, v, Tags(tags))));
        listener.SetMeasurementEventCallback<int>((i, v, tags, _) => measurements.Add((i.Name, v, Tags(tags))));
        listener.Start();
        await new VlmClient(Options(healthy)).CompleteAsync("content", Png, VlmPrompts.Text, VlmSampling.Default, CancellationToken.None);
        var client = new VlmClient(Options(failing));
        for (var i = 0; i < 2; i++)
        {
            await Assert.ThrowsAnyAsync<Exception>(() => client.CompleteAsync("content", Png, VlmPrompts.Text, VlmSampling.Default, CancellationToken.None));
        }
        listener.RecordObservableInstruments();

        List<(string Name, double Value, Dictionary<string, object?> Tags)> Of(ChatServer s) =>
            [.. measurements.Where(m => Equals(m.Tags.GetValueOrDefault("server"), s.BaseUrl))];
        Assert.Contains(Of(healthy), m => m.Name == "quarry.model.request.duration" && Equals(m.Tags["kind"], "content") && Equals(m.Tags["outcome"], "ok") && m.Value > 0);
        Assert.Contains(Of(healthy), m => m.Name == "quarry.model.breaker.state" && m.Value == 0); // closed
        Assert.Contains(Of(failing), m => m.Name == "quarry.model.request.duration" && Equals(m.Tags["kind"], "content") && Equals(m.Tags["outcome"], "unavailable"));
        Assert.Contains(Of(failing), m => m.Name == "quarry.model.breaker.transitions.total" && Equals(m.Tags["state"], "open"));
        Assert.Contains(Of(failing), m => m.Name == "quarry.model.breaker.state" && m.Value == 1); // Polly's CircuitState.Open
    }

    private static Dictionary<string, object?> Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var d = new Dictionary<string, object?>();
        foreach (var t in tags)
        {
            d[t.Key] = t.Value;
        }
        return d;
    }
}
