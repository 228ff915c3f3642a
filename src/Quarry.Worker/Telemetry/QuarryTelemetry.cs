using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Quarry.Worker.Telemetry;

/// <summary>
/// Quarry's spans and metrics (DESIGN.md section 5). Instruments always exist; they cost next to nothing
/// until an exporter listens (see <see cref="TelemetrySetup"/>).
/// </summary>
public static class QuarryTelemetry
{
    public const string Name = "Quarry";

    public static readonly ActivitySource Source = new(Name, Quarry.Core.Model.QuarryVersion.Current);
    public static readonly Meter Meter = new(Name, Quarry.Core.Model.QuarryVersion.Current);

    public static readonly Counter<long> Jobs = Meter.CreateCounter<long>("quarry.jobs.total", description: "Jobs finished, by status, backend and input format");
    public static readonly Counter<long> Pages = Meter.CreateCounter<long>("quarry.pages.total", description: "Pages parsed");
    public static readonly Counter<long> BytesIn = Meter.CreateCounter<long>("quarry.bytes_in.total", "By");
    public static readonly Counter<long> BytesOut = Meter.CreateCounter<long>("quarry.bytes_out.total", "By");
    public static readonly Counter<long> Errors = Meter.CreateCounter<long>("quarry.errors.total", description: "Job errors, by code and phase");
    public static readonly Counter<long> ColdStarts = Meter.CreateCounter<long>("quarry.worker.cold_starts.total");
    public static readonly Counter<long> Refreshes = Meter.CreateCounter<long>("quarry.worker.refresh.total");
    public static readonly Histogram<double> JobDuration = Meter.CreateHistogram<double>("quarry.job.duration", "s");
    public static readonly Histogram<double> PhaseDuration = Meter.CreateHistogram<double>("quarry.phase.duration", "s");
    public static readonly Histogram<double> PagesPerSecond = Meter.CreateHistogram<double>("quarry.pages_per_second");
    public static readonly Histogram<long> InputSize = Meter.CreateHistogram<long>("quarry.input.size_bytes", "By");
    public static readonly Histogram<long> OutputSize = Meter.CreateHistogram<long>("quarry.output.size_bytes", "By");
    public static readonly Histogram<double> WarmupDuration = Meter.CreateHistogram<double>("quarry.worker.warmup.duration", "s");

    private static long s_jobsSinceBoot;
    private static long s_pagesSinceBoot;

    public static readonly ObservableGauge<long> JobsSinceBoot = Meter.CreateObservableGauge("quarry.worker.jobs_since_boot", () => Interlocked.Read(ref s_jobsSinceBoot));
    public static readonly ObservableGauge<long> PagesSinceBoot = Meter.CreateObservableGauge("quarry.worker.pages_since_boot", () => Interlocked.Read(ref s_pagesSinceBoot));

    public static (long Jobs, long Pages) CountJob(int pages) =>
        (Interlocked.Increment(ref s_jobsSinceBoot), Interlocked.Add(ref s_pagesSinceBoot, pages));

    /// <summary>Marks a span failed and records the exception as an event, as OpenTelemetry's conventions ask.</summary>
    public static void RecordError(Activity? activity, Exception ex, string code)
    {
        if (activity is null)
        {
            return;
        }
        activity.SetStatus(ActivityStatusCode.Error, code);
        activity.AddEvent(new ActivityEvent("exception", tags: new ActivityTagsCollection
        {
            ["exception.type"] = ex.GetType().FullName,
            ["exception.message"] = ex.Message,
        }));
    }
}
