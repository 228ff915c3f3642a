using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Quarry.Worker.Telemetry;

/// <summary>
/// Turns on OTLP export of Quarry's spans and metrics when the standard <c>OTEL_EXPORTER_OTLP_*</c>
/// variables ask for it; otherwise nothing listens and the instruments cost next to nothing.
/// OTLP/HTTP (protobuf) is the default protocol; <c>OTEL_EXPORTER_OTLP_PROTOCOL=grpc</c> switches.
/// </summary>
public sealed class TelemetrySetup : IDisposable
{
    private readonly TracerProvider? _traces;
    private readonly MeterProvider? _metrics;

    private TelemetrySetup(TracerProvider? traces, MeterProvider? metrics)
    {
        _traces = traces;
        _metrics = metrics;
    }

    public bool Enabled => _traces is not null || _metrics is not null;

    public static TelemetrySetup FromEnvironment(IReadOnlyDictionary<string, string> env)
    {
        bool Set(string name) => !string.IsNullOrWhiteSpace(env.GetValueOrDefault(name));
        var any = Set("OTEL_EXPORTER_OTLP_ENDPOINT");
        var traces = any || Set("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
        var metrics = any || Set("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT");
        if (!traces && !metrics)
        {
            return new TelemetrySetup(null, null);
        }
        var protocol = env.GetValueOrDefault("OTEL_EXPORTER_OTLP_PROTOCOL") == "grpc" ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
        var resource = ResourceBuilder.CreateDefault()
            .AddService(env.GetValueOrDefault("OTEL_SERVICE_NAME") is { Length: > 0 } n ? n : "quarry", serviceVersion: Quarry.Core.Model.QuarryVersion.Current)
            .AddEnvironmentVariableDetector()
            .AddAttributes(RunPodAttributes(env));
        var tracer = traces
            ? Sdk.CreateTracerProviderBuilder().SetResourceBuilder(resource).AddSource(QuarryTelemetry.Name)
                .AddOtlpExporter(o => Configure(o, env, protocol, "TRACES", "v1/traces")).Build()
            : null;
        var meter = metrics
            ? Sdk.CreateMeterProviderBuilder().SetResourceBuilder(resource).AddMeter(QuarryTelemetry.Name, Quarry.Parsing.Readers.Model.Vlm.VlmMetrics.MeterName)
                .AddOtlpExporter((o, reader) =>
                {
                    Configure(o, env, protocol, "METRICS", "v1/metrics");
                    if (int.TryParse(env.GetValueOrDefault("OTEL_METRIC_EXPORT_INTERVAL"), out var ms) && ms > 0)
                    {
                        reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = ms;
                    }
                }).Build()
            : null;
        return new TelemetrySetup(tracer, meter);
    }

    /// <summary>Endpoint and headers per the OTLP exporter spec: a per-signal endpoint is used as is, the base one gets the signal path.</summary>
    private static void Configure(OtlpExporterOptions o, IReadOnlyDictionary<string, string> env, OtlpExportProtocol protocol, string signal, string path)
    {
        o.Protocol = protocol;
        if (env.GetValueOrDefault($"OTEL_EXPORTER_OTLP_{signal}_ENDPOINT") is { Length: > 0 } specific)
        {
            o.Endpoint = new Uri(specific);
        }
        else if (env.GetValueOrDefault("OTEL_EXPORTER_OTLP_ENDPOINT") is { Length: > 0 } baseUrl)
        {
            o.Endpoint = protocol == OtlpExportProtocol.Grpc ? new Uri(baseUrl) : new Uri(baseUrl.TrimEnd('/') + "/" + path);
        }
        if (env.GetValueOrDefault($"OTEL_EXPORTER_OTLP_{signal}_HEADERS") is { Length: > 0 } h1)
        {
            o.Headers = h1;
        }
        else if (env.GetValueOrDefault("OTEL_EXPORTER_OTLP_HEADERS") is { Length: > 0 } h2)
        {
            o.Headers = h2;
        }
    }

    private static IEnumerable<KeyValuePair<string, object>> RunPodAttributes(IReadOnlyDictionary<string, string> env)
    {
        foreach (var (variable, attribute) in new[] { ("RUNPOD_ENDPOINT_ID", "runpod.endpoint_id"), ("RUNPOD_POD_ID", "runpod.pod_id"), ("RUNPOD_GPU_TYPE_ID", "runpod.gpu_type") })
        {
            if (env.GetValueOrDefault(variable) is { Length: > 0 } v)
            {
                yield return new(attribute, v);
            }
        }
    }

    /// <summary>Pushes whatever is buffered (used at shutdown, and by tests).</summary>
    public void Flush()
    {
        _traces?.ForceFlush();
        _metrics?.ForceFlush();
    }

    public void Dispose()
    {
        _traces?.Dispose();
        _metrics?.Dispose();
    }
}
