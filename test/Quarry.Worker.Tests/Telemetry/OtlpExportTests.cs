using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Quarry.Tests.Shared;
using Quarry.Worker.Configuration;
using Quarry.Worker.Pipeline;
using Quarry.Worker.Telemetry;

namespace Quarry.Worker.Tests.Telemetry;

/// <summary>Exports over OTLP/HTTP to a receiver on loopback and reads back what arrived.</summary>
[Collection("telemetry")]
public sealed class OtlpExportTests
{
    [Fact]
    public async Task Spans_and_metrics_reach_an_otlp_http_receiver_with_quarrys_names()
    {
        var received = new ConcurrentDictionary<string, ConcurrentBag<byte[]>>();
        await using var receiver = await LoopbackServer.StartAsync(app =>
        {
            foreach (var signal in new[] { "traces", "metrics" })
            {
                app.MapPost($"/v1/{signal}", async (HttpContext ctx) =>
                {
                    using var ms = new MemoryStream();
                    await ctx.Request.Body.CopyToAsync(ms);
                    received.GetOrAdd(signal, _ => []).Add(ms.ToArray());
                    Assert.Equal("application/x-protobuf", ctx.Request.ContentType);
                    Assert.Equal("secret-token", ctx.Request.Headers["x-api-key"].ToString());
                    return Results.Ok();
                });
            }
        });
        var env = new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.BaseUrl,
            ["OTEL_EXPORTER_OTLP_HEADERS"] = "x-api-key=secret-token",
            ["OTEL_SERVICE_NAME"] = "quarry-test",
            ["RUNPOD_ENDPOINT_ID"] = "ep-123",
        };
        using (var telemetry = TelemetrySetup.FromEnvironment(env))
        {
            Assert.True(telemetry.Enabled);
            using var services = new WorkerServices(new WorkerOptions(), JobLog.Null);
            var input = JsonDocument.Parse($$"""{"file_b64": "{{Convert.ToBase64String(File.ReadAllBytes(RepoPaths.Sample("report.pdf")))}}"}""").RootElement;
            await services.Handler.HandleAsync("job-otel", input, null, CancellationToken.None);
            await services.Handler.HandleAsync("job-otel-bad", JsonDocument.Parse("""{"nope": 1}""").RootElement, null, CancellationToken.None);
            telemetry.Flush();
        }
        var traces = received["traces"].SelectMany(ProtobufStrings.Extract).ToHashSet();
        foreach (var name in new[] { "quarry.job", "quarry.fetch_input", "quarry.parse", "quarry.package", "quarry.deliver", "runpod.job_id", "job-otel", "quarry.transport", "exception", "INVALID_INPUT" })
        {
            Assert.Contains(name, traces);
        }
        Assert.Contains("quarry-test", traces);
        Assert.Contains("ep-123", traces);
        var metrics = received["metrics"].SelectMany(ProtobufStrings.Extract).ToHashSet();
        foreach (var name in new[] { "quarry.jobs.total", "quarry.pages.total", "quarry.job.duration", "quarry.phase.duration", "quarry.errors.total", "quarry.bytes_out.total" })
        {
            Assert.Contains(name, metrics);
        }
    }

    [Fact]
    public void Without_otel_variables_nothing_is_exported()
    {
        using var telemetry = TelemetrySetup.FromEnvironment(new Dictionary<string, string>());
        Assert.False(telemetry.Enabled);
        Assert.False(QuarryTelemetry.Source.HasListeners());
    }
}
