using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Quarry.Parsing.Readers.Ocr;

/// <summary>
/// Time spent in each stage of OCR, on the meter <see cref="MeterName"/>: one histogram, tagged <c>stage</c>
/// (render, decode, smooth, deskew, detect.prep, detect.model, detect.boxes, orientation, crops,
/// recognize.prep, recognize.model, recognize.decode, words, rulings; and page: the whole read of one page
/// after its render). <c>bench/Quarry.Bench --stages</c>
/// listens to it for the per-stage profile; with no listener a stage costs one timestamp.
/// </summary>
public static class OcrMetrics
{
    public const string MeterName = "Quarry.Ocr";

    public const string StageDurationName = "quarry.ocr.stage.duration";

    private static readonly Meter Meter = new(MeterName);

    internal static readonly Histogram<double> StageDuration = Meter.CreateHistogram<double>(StageDurationName, "s", "Seconds spent in one stage of OCR, by stage");

    /// <summary>A timestamp to pass to <see cref="Record"/> when the stage ends.</summary>
    internal static long Start() => Stopwatch.GetTimestamp();

    /// <summary>Records the stage begun at <paramref name="started"/>; returns a timestamp for the next stage.</summary>
    internal static long Record(string stage, long started)
    {
        var now = Stopwatch.GetTimestamp();
        if (StageDuration.Enabled)
        {
            StageDuration.Record(Stopwatch.GetElapsedTime(started, now).TotalSeconds, new KeyValuePair<string, object?>("stage", stage));
        }
        return now;
    }
}
