using System.Text.Json;
using System.Text.Json.Nodes;

namespace Quarry.Worker.LocalApi;

/// <summary>RunPod's job states.</summary>
public static class JobStatus
{
    public const string InQueue = "IN_QUEUE";
    public const string InProgress = "IN_PROGRESS";
    public const string Completed = "COMPLETED";
    public const string Failed = "FAILED";
    public const string Cancelled = "CANCELLED";
    public const string TimedOut = "TIMED_OUT";
}

/// <summary>One job known to the local API, from queueing to expiry.</summary>
public sealed class JobRecord(string id, JsonElement input)
{
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Id { get; } = id;
    public JsonElement Input { get; } = input;
    public CancellationTokenSource Cancellation { get; } = new();
    public DateTimeOffset QueuedAt { get; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }
    public string Status { get; private set; } = JobStatus.InQueue;
    public JsonObject? Output { get; private set; }
    public JsonObject? Progress { get; set; }
    public Task Finished => _finished.Task;

    public bool TryStart()
    {
        lock (_finished)
        {
            if (Status != JobStatus.InQueue)
            {
                return false;
            }
            Status = JobStatus.InProgress;
            StartedAt = DateTimeOffset.UtcNow;
            return true;
        }
    }

    public void Finish(string status, JsonObject? output)
    {
        lock (_finished)
        {
            if (FinishedAt is not null)
            {
                return;
            }
            Status = status;
            Output = output;
            FinishedAt = DateTimeOffset.UtcNow;
        }
        _finished.TrySetResult();
    }

    /// <summary>The body RunPod's /status and /runsync return.</summary>
    public JsonObject ToResponse()
    {
        var o = new JsonObject { ["id"] = Id, ["status"] = Status };
        if (StartedAt is { } started)
        {
            o["delayTime"] = (long)(started - QueuedAt).TotalMilliseconds;
            if (FinishedAt is { } finished)
            {
                o["executionTime"] = (long)(finished - started).TotalMilliseconds;
            }
        }
        if (Output is not null)
        {
            if (Status == JobStatus.Failed && Output["error"] is { } error)
            {
                o["error"] = error.DeepClone();
            }
            o["output"] = Output.DeepClone();
        }
        else if (Status == JobStatus.InProgress && Progress is not null)
        {
            o["output"] = Progress.DeepClone();
        }
        return o;
    }
}
