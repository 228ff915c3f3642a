using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Quarry.Core.Model;
using Quarry.Core.Output;
using Quarry.Parsing.Pipeline;
using Quarry.Parsing.Errors;
using Quarry.Parsing.Routing;
using Quarry.Worker.Configuration;
using Quarry.Worker.Delivery;
using Quarry.Worker.Fetching;
using Quarry.Worker.Jobs;
using Quarry.Worker.Telemetry;

namespace Quarry.Worker.Pipeline;

/// <summary>Reports a job's progress; the host awaits each report before the job goes on.</summary>
public delegate Task ProgressReporter(JsonObject progress);

/// <summary>
/// The one job pipeline every host shares: validate → fetch input → parse → package → deliver. Each phase is
/// timed and traced; the job ends in a success or failure object (never an exception, never a null), and
/// one log line says how it went.
/// </summary>
public sealed class JobHandler(WorkerOptions options, InputFetcher fetcher, Deliverer deliverer, JobLog log, ModelReaders? models = null)
{
    public async Task<JsonObject> HandleAsync(string jobId, JsonElement input, ProgressReporter? progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var phases = new JsonObject();
        using var job = QuarryTelemetry.Source.StartActivity("quarry.job");
        job?.SetTag("runpod.job_id", jobId);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(options.JobTimeout);
        var backend = "pipeline";
        var inputFormat = "unknown";
        var phase = "validate";
        log.Info("starting job", jobId);
        try
        {
            if (JobRequestParser.IsProbe(input))
            {
                return Probe(jobId, clock);
            }
            var request = JobRequestParser.Parse(input);
            backend = request.Backend;
            var route = ModelRoute.Resolve(request, options);

            phase = "fetch_input";
            await Report(progress, new JsonObject { ["phase"] = "fetching_input" });
            var bytes = await Timed(phases, phase, async () =>
            {
                using var span = QuarryTelemetry.Source.StartActivity("quarry.fetch_input");
                span?.SetTag("quarry.source", request.Kind.ToString().ToLowerInvariant());
                var data = await fetcher.FetchAsync(request, deadline.Token);
                span?.SetTag("quarry.bytes_in", data.Length);
                return data;
            });
            inputFormat = Quarry.Parsing.Sources.InputSniffer.Describe(bytes);
            QuarryTelemetry.BytesIn.Add(bytes.Length);
            QuarryTelemetry.InputSize.Record(bytes.Length);

            phase = "parse";
            await Report(progress, new JsonObject { ["phase"] = "parsing" });
            var document = await Timed(phases, phase, () => Task.Run(() =>
            {
                using var span = QuarryTelemetry.Source.StartActivity("quarry.parse");
                span?.SetTag("quarry.backend", request.Backend);
                span?.SetTag("quarry.input_format", inputFormat);
                span?.SetTag("quarry.start_page", request.StartPage);
                span?.SetTag("quarry.end_page", request.EndPage);
                return DocumentParser.Parse(bytes, request.Basename, route.Engine, new ParseOptions
                {
                    StartPage = request.StartPage,
                    EndPage = request.EndPage,
                    MaxPages = options.MaxPagesPerJob,
                    ModelReader = route.ServerUrl is { } server ? (models ?? SharedModels).For(server) : null,
                    Effort = route.Effort == "high" ? HybridEffort.High : HybridEffort.Medium,
                    OcrLanguage = request.OcrLanguage,
                }, cancellationToken: deadline.Token);
            }, deadline.Token));
            await Report(progress, new JsonObject { ["phase"] = "parsing", ["pages"] = document.Pages.Count, ["done"] = true });

            phase = "package";
            var bundle = await Timed(phases, phase, () =>
            {
                using var span = QuarryTelemetry.Source.StartActivity("quarry.package");
                return Task.FromResult(OutputBundle.From(document));
            });

            phase = "deliver";
            var (fields, transport, bytesOut) = await Timed(phases, phase, async () =>
            {
                using var span = QuarryTelemetry.Source.StartActivity("quarry.deliver");
                span?.SetTag("quarry.transport", request.Transport.ToString().ToLowerInvariant());
                return await deliverer.DeliverAsync(bundle, request, deadline.Token);
            });
            return Succeed(jobId, request, route, document, fields, transport, bytesOut, phases, clock, inputFormat);
        }
        catch (Exception ex)
        {
            var failure = ex switch
            {
                JobException je => (Code: je.Code, je.Message, Field: je.Field, Phase: je.Phase == "validate" ? phase : je.Phase),
                ParseException pe => (Code: pe.Code, pe.Message, Field: (string?)null, Phase: phase),
                OperationCanceledException when deadline.IsCancellationRequested && !ct.IsCancellationRequested =>
                    (Code: ErrorCode.Timeout, Message: $"the job ran past its {options.JobTimeout.TotalSeconds:F0} s deadline during {phase}", Field: (string?)null, Phase: phase),
                OperationCanceledException => (Code: ErrorCode.Timeout, Message: "the job was cancelled", Field: (string?)null, Phase: phase),
                // The exception's own text is for the log (Fail writes it there), not for the caller.
                _ => (Code: ErrorCode.Internal, Message: $"an unexpected internal error stopped the job during {phase}; the details are in the worker log", Field: (string?)null, Phase: phase),
            };
            QuarryTelemetry.RecordError(job, ex, failure.Code.ToWire());
            return Fail(jobId, failure.Code, failure.Message, failure.Field, failure.Phase, backend, inputFormat, phases, clock, ex);
        }
    }

    /// <summary>Validates a job's input without running it: null when it may run, else the failure output it would end with.</summary>
    public JsonObject? Reject(string jobId, JsonElement input)
    {
        try
        {
            if (JobRequestParser.IsProbe(input))
            {
                RequireProbeEnabled();
                return null;
            }
            ModelRoute.Resolve(JobRequestParser.Parse(input), options);
            return null;
        }
        catch (JobException ex)
        {
            return Failure(jobId, ex);
        }
    }

    /// <summary>The failure output of a job that ends without running: refused at submit, or cut off by a shutdown.</summary>
    public JsonObject Failure(string jobId, JobException ex) =>
        Fail(jobId, ex.Code, ex.Message, ex.Field, ex.Phase, "pipeline", "unknown", new JsonObject(), Stopwatch.StartNew(), ex);

    /// <summary>
    /// The MinerU output-format version Quarry writes (the <c>_version_name</c> of its <c>middle.json</c>), which
    /// results carry as <c>mineru_version</c>; Quarry's own version goes beside it as <c>version</c>.
    /// </summary>
    public static string MineruVersion => MinerUFormat.Version;

    private void RequireProbeEnabled()
    {
        if (!options.ProbeEnabled)
        {
            throw JobException.Invalid("probe", "probe is disabled on this endpoint (QUARRY_DISABLE_PROBE / MINERU_DISABLE_PROBE)");
        }
    }

    private JsonObject Probe(string jobId, Stopwatch clock)
    {
        RequireProbeEnabled();
        var layout = WorkerProbe.Layout(options);
        log.Info("probe", jobId, new Dictionary<string, object?> { ["models_found"] = layout["models_found"]!.GetValue<bool>() });
        return new JsonObject
        {
            ["ok"] = true,
            ["elapsed_seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 3),
            ["mineru_version"] = MineruVersion,
            ["version"] = QuarryVersion.Current,
            ["probe"] = layout,
            ["debug"] = new JsonObject { ["backend"] = "pipeline", ["phase_ms"] = new JsonObject() },
        };
    }

    /// <summary>Readers shared by every handler in the process when the host gives none.</summary>
    private static readonly ModelReaders SharedModels = new(log: null);

    private static async Task Report(ProgressReporter? progress, JsonObject update)
    {
        if (progress is not null)
        {
            await progress(update);
        }
    }

    private static async Task<T> Timed<T>(JsonObject phases, string name, Func<Task<T>> work)
    {
        var sw = Stopwatch.StartNew();
        try
        {
            return await work();
        }
        finally
        {
            phases[name] = Math.Round(sw.Elapsed.TotalMilliseconds, 1);
            QuarryTelemetry.PhaseDuration.Record(sw.Elapsed.TotalSeconds, new KeyValuePair<string, object?>("phase", name));
        }
    }

    private JsonObject Succeed(string jobId, JobRequest request, ModelRoute route, ParsedDocument document, JsonObject fields, string transport, long bytesOut, JsonObject phases, Stopwatch clock, string inputFormat)
    {
        var result = new JsonObject
        {
            ["basename"] = request.Basename,
            ["source"] = request.SourceLabel,
            ["pages_requested"] = ResultEcho.PagesRequested(request),
            ["page_range"] = ResultEcho.PageRange(document),
            ["transport"] = transport,
        };
        foreach (var (k, v) in fields)
        {
            result[k] = v?.DeepClone();
        }
        if (ResultEcho.Degraded(document) is { } degraded)
        {
            result["degraded"] = degraded;
        }
        var seconds = clock.Elapsed.TotalSeconds;
        var tags = new TagList { { "status", "ok" }, { "backend", request.Backend }, { "input_format", inputFormat } };
        QuarryTelemetry.Jobs.Add(1, tags);
        QuarryTelemetry.Pages.Add(document.Pages.Count);
        QuarryTelemetry.BytesOut.Add(bytesOut, new KeyValuePair<string, object?>("transport", transport));
        QuarryTelemetry.OutputSize.Record(bytesOut);
        QuarryTelemetry.JobDuration.Record(seconds);
        if (seconds > 0)
        {
            QuarryTelemetry.PagesPerSecond.Record(document.Pages.Count / seconds);
        }
        log.Info("done", jobId, new Dictionary<string, object?>
        {
            ["phase_ms"] = phases.DeepClone(),
            ["pages"] = document.Pages.Count,
            ["transport"] = transport,
            ["elapsed_seconds"] = Math.Round(seconds, 3),
        });
        return new JsonObject
        {
            ["ok"] = true,
            ["elapsed_seconds"] = Math.Round(seconds, 3),
            ["mineru_version"] = MineruVersion,
            ["version"] = QuarryVersion.Current,
            ["results"] = new JsonArray(result),
            ["debug"] = new JsonObject
            {
                ["backend"] = request.Backend,
                ["engine"] = route.Engine,
                ["model_requests"] = document.ModelRequests,
                ["phase_ms"] = phases,
            },
        };
    }

    private JsonObject Fail(string jobId, ErrorCode code, string message, string? field, string phase, string backend, string inputFormat, JsonObject phases, Stopwatch clock, Exception ex)
    {
        var wire = code.ToWire();
        QuarryTelemetry.Jobs.Add(1, new TagList { { "status", "error" }, { "backend", backend }, { "input_format", inputFormat } });
        QuarryTelemetry.Errors.Add(1, new TagList { { "code", wire }, { "phase", phase } });
        var fields = new Dictionary<string, object?> { ["error_code"] = wire, ["phase"] = phase, ["error"] = message };
        if (code == ErrorCode.Internal || ex.InnerException is not null)
        {
            fields["exception"] = ex.ToString(); // the library detail that user-facing messages leave out
        }
        log.Error("job failed", jobId, fields);
        var failure = new JsonObject
        {
            ["ok"] = false,
            ["error"] = $"{wire}: {message}",
            ["error_code"] = wire,
        };
        if (field is not null)
        {
            failure["field"] = field;
        }
        failure["elapsed_seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 3);
        failure["mineru_version"] = MineruVersion;
        failure["version"] = QuarryVersion.Current;
        failure["debug"] = new JsonObject { ["backend"] = backend, ["phase"] = phase, ["phase_ms"] = phases };
        return failure;
    }
}
