using System.Diagnostics;
using Quarry.Parsing.Pipeline;
using Quarry.Parsing.Errors;

namespace Quarry.Parsing.Tests.Fuzz;

/// <summary>How one parse ended, with its wall time, peak memory growth and bytes allocated.</summary>
internal sealed record ParseOutcome(string Result, string? Message, TimeSpan Elapsed, long PeakGrowthBytes, long AllocatedBytes)
{
    /// <summary>"ok", a structured error code such as "PDF_CORRUPT", or a violation: "INTERNAL", "CRASH", "OVERRAN", "HANG".</summary>
    public string Result { get; } = Result;

    public bool IsViolation => Result is "INTERNAL" or "CRASH" or "OVERRAN" or "HANG";
}

/// <summary>
/// Runs one parse through the public entry point on its own thread, under a per-document budget: the token is
/// cancelled when the budget runs out, and a parse still running a grace period later counts as hung (its
/// thread is abandoned; it is a background thread, so it cannot keep the test host alive). Peak memory is the
/// process's resident set high-water mark (VmHWM, reset through /proc/self/clear_refs) or, where the kernel
/// does not allow the reset, the resident set sampled every few milliseconds.
/// </summary>
internal static class GuardedParse
{
    public static ParseOutcome Run(byte[] input, string label, TimeSpan budget, TimeSpan grace, long memoryBound)
    {
        RunawayGuard.Watching(label);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var baseline = ResidentSet.Current();
        var canReset = ResidentSet.ResetPeak();
        var allocated = GC.GetTotalAllocatedBytes(precise: false);
        using var cts = new CancellationTokenSource(budget);
        string result = "ok";
        string? message = null;
        var worker = new Thread(() =>
        {
            try
            {
                DocumentParser.Parse(input, "fuzz", "txt", new ParseOptions(), cancellationToken: cts.Token);
            }
            catch (ParseException ex)
            {
                (result, message) = (ex.Code.ToWire(), ex.Message);
            }
            catch (OperationCanceledException ex) when (cts.IsCancellationRequested)
            {
                (result, message) = ("OVERRAN", ex.Message);
            }
#pragma warning disable CA1031 // the point is to catch whatever escapes the parser
            catch (Exception ex)
#pragma warning restore CA1031
            {
                (result, message) = ("CRASH", ex.GetType().Name + ": " + ex.Message);
            }
        }) { IsBackground = true, Name = "fuzz-parse" };
        var started = Stopwatch.GetTimestamp();
        worker.Start();
        var sampled = baseline;
        while (!worker.Join(5))
        {
            sampled = Math.Max(sampled, ResidentSet.Current());
            if (sampled - baseline > memoryBound)
            {
                cts.Cancel(); // already a failure; give a cooperative parse the chance to stop growing
            }
            if (Stopwatch.GetElapsedTime(started) > budget + grace)
            {
                RunawayGuard.Abandoned(label);
                return new ParseOutcome("HANG", $"still running {(budget + grace).TotalSeconds:0} s after it started, cancellation ignored", Stopwatch.GetElapsedTime(started), Math.Max(sampled, ResidentSet.Peak()) - baseline, GC.GetTotalAllocatedBytes() - allocated);
            }
        }
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (result is not ("CRASH" or "INTERNAL" or "OVERRAN") && elapsed > budget)
        {
            (result, message) = ("OVERRAN", $"succeeded after {elapsed.TotalSeconds:0.0} s, over the {budget.TotalSeconds:0} s budget");
        }
        var peak = canReset ? Math.Max(sampled, ResidentSet.Peak()) : sampled;
        return new ParseOutcome(result, message, elapsed, Math.Max(0, peak - baseline), GC.GetTotalAllocatedBytes(precise: false) - allocated);
    }
}

/// <summary>This process's resident memory from /proc/self/status (Linux; elsewhere the working set).</summary>
internal static class ResidentSet
{
    public static long Current() => Read("VmRSS:") ?? Environment.WorkingSet;

    public static long Peak() => Read("VmHWM:") ?? 0;

    /// <summary>Resets VmHWM to the current resident set; false where the kernel refuses.</summary>
    public static bool ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return false;
        }
    }

    private static long? Read(string key)
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith(key, StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(key.Length).Trim().TrimEnd("kB").Trim(), System.Globalization.CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
        return null;
    }
}

/// <summary>
/// Protects the machine from a parse that allocates without end: a thread cannot be stopped in .NET, so a
/// runaway that ignores cancellation would take the whole test host (and the shared CI machine) into the
/// OOM killer. Once the resident set is <see cref="Ceiling"/> above where fuzzing started, the host is
/// ended with a message naming the mutant that was running (or was last abandoned).
/// </summary>
internal static class RunawayGuard
{
    public const long Ceiling = 2L << 30;
    private static readonly Lock Gate = new();
    private static string _label = "";
    private static string _abandoned = "";
    private static Thread? _watcher;

    /// <summary>A hung parse whose thread is still running: it, not the current mutant, may be what grows.</summary>
    public static void Abandoned(string label)
    {
        lock (Gate)
        {
            _abandoned += $"; still running after it was abandoned as hung: {label}";
        }
    }

    public static void Watching(string label)
    {
        lock (Gate)
        {
            _label = label;
            if (_watcher is not null)
            {
                return;
            }
            var limit = ResidentSet.Current() + Ceiling;
            _watcher = new Thread(() =>
            {
                while (true)
                {
                    Thread.Sleep(20);
                    var rss = ResidentSet.Current();
                    if (rss > limit)
                    {
                        string message;
                        lock (Gate)
                        {
                            message = $"fuzz: the test host grew to {rss >> 20} MB, {Ceiling >> 20} MB over its start, while parsing {_label}{_abandoned}; a parse cannot be stopped, so the test host ends here to protect the machine";
                        }
                        Console.Error.WriteLine(message);
                        Environment.FailFast(message);
                    }
                }
            }) { IsBackground = true, Name = "fuzz-runaway-guard" };
            _watcher.Start();
        }
    }
}
