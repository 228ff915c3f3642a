using System.Text;
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

/// <summary>
/// One job known to the local API, from queueing to expiry. Its output lives in the <see cref="ResultStore"/>,
/// not here, so a record costs a few hundred bytes once the job is done.
/// </summary>
public sealed class JobRecord(string id, JsonElement input, long inputBytes, JobTerms terms)
{
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<JsonObject> _stream = [];
    private JsonObject? _progress;
    private int _dequeued;

    public string Id { get; } = id;

    /// <summary>The job's input; released once the job has run, so finished jobs do not hold request bodies.</summary>
    public JsonElement Input { get; private set; } = input;

    public long InputBytes { get; } = inputBytes;
    public JobTerms Terms { get; } = terms;
    public CancellationTokenSource Cancellation { get; } = new();
    public DateTimeOffset QueuedAt { get; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }
    public string Status { get; private set; } = JobStatus.InQueue;

    /// <summary>
    /// The end of the job's lifespan (<c>policy.ttl</c> from submission, or <c>?ttl=</c> from the call): a job
    /// still queued then is dropped, a finished one's result is removed then if that is before its retention ends.
    /// </summary>
    public DateTimeOffset? Deadline { get; private set; } = terms.Ttl is { } ttl ? DateTimeOffset.UtcNow + ttl : null;

    /// <summary>The latest progress record: <c>/status</c> shows it as the output of a running job.</summary>
    public JsonObject? Progress
    {
        get
        {
            lock (_finished)
            {
                return _progress;
            }
        }
        set
        {
            lock (_finished)
            {
                if (FinishedAt is not null || value is null)
                {
                    return;
                }
                _progress = value;
                _stream.Add(value); // a handful per job (phase changes), read once by /stream
            }
        }
    }

    /// <summary>The failure's <c>error</c> string, which RunPod puts at the top level of a FAILED or TIMED_OUT job.</summary>
    public string? Error { get; private set; }

    /// <summary>Whether an output was stored for this job (a job cancelled while queued has none).</summary>
    public bool HasOutput { get; private set; }

    /// <summary>Whether a caller has been given the finished job's output: a draining server waits for this.</summary>
    public bool Fetched { get; set; }

    public bool IsFinished => FinishedAt is not null;

    /// <summary>
    /// What <c>/run</c> and <c>/retry</c> answer: IN_QUEUE, as RunPod does, even when a worker has already picked
    /// the job up; the final state only for a job that ended without starting (refused at submit).
    /// </summary>
    public string SubmitStatus
    {
        get
        {
            lock (_finished)
            {
                return StartedAt is null && FinishedAt is not null ? Status : JobStatus.InQueue;
            }
        }
    }
    public Task Finished => _finished.Task;

    /// <summary>When the finished result goes: its retention, cut short by the <see cref="Deadline"/>. Null while unfinished.</summary>
    public DateTimeOffset? ExpiresAt
    {
        get
        {
            lock (_finished)
            {
                if (FinishedAt is not { } finished)
                {
                    return null;
                }
                var retained = finished + Terms.Retention;
                // A deadline that passed while the job ran does not take the result away the moment it arrives.
                return Deadline is { } d && d > finished && d < retained ? d : retained;
            }
        }
    }

    /// <summary>Sets the job's lifespan to end <paramref name="ttl"/> from now (RunPod's <c>/status/{id}?ttl=</c>).</summary>
    public void SetTtl(TimeSpan ttl)
    {
        lock (_finished)
        {
            Deadline = DateTimeOffset.UtcNow + ttl;
        }
    }

    /// <summary>Progress records not yet read by <c>/stream</c>, as RunPod's stream chunks; each is returned once.</summary>
    public JsonArray TakeStream()
    {
        lock (_finished)
        {
            var chunks = new JsonArray([.. _stream.Select(p => (JsonNode)new JsonObject { ["output"] = p.DeepClone() })]);
            _stream.Clear();
            return chunks;
        }
    }

    /// <summary>True the first time only: the caller then takes the record's bytes off the queue's account.</summary>
    public bool TryDequeue() => Interlocked.Exchange(ref _dequeued, 1) == 0;

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

    /// <summary>
    /// Ends the job once; later calls are ignored (a cancelled job's worker finishing later changes nothing).
    /// <paramref name="store"/> runs under the record's lock, so no reader ever sees a final state without its output.
    /// </summary>
    public bool Finish(string status, JsonObject? output, Action<byte[]>? store, bool onlyIfQueued = false)
    {
        lock (_finished)
        {
            if (FinishedAt is not null || (onlyIfQueued && Status != JobStatus.InQueue))
            {
                return false;
            }
            if (output is not null && store is not null)
            {
                store(JsonSerializer.SerializeToUtf8Bytes(output, Delivery.Deliverer.Json));
                HasOutput = true;
            }
            Status = status;
            Error = status is JobStatus.Failed or JobStatus.TimedOut ? output?["error"]?.ToString() : null;
            FinishedAt = DateTimeOffset.UtcNow;
            Input = default;
            _progress = null;
        }
        _finished.TrySetResult();
        return true;
    }

    /// <summary>
    /// The body RunPod's /status and /runsync return, with the stored output spliced in as raw JSON (it is
    /// never parsed again). Null when the output was stored but has since been evicted.
    /// </summary>
    public byte[]? ToResponse(ResultStore store, bool fetch = true)
    {
        var envelope = new JsonObject { ["id"] = Id, ["status"] = Status };
        byte[]? output = null;
        lock (_finished)
        {
            if (StartedAt is { } started)
            {
                envelope["delayTime"] = (long)(started - QueuedAt).TotalMilliseconds;
                if (FinishedAt is { } finished)
                {
                    envelope["executionTime"] = (long)(finished - started).TotalMilliseconds;
                }
            }
            if (Error is not null)
            {
                envelope["error"] = Error;
            }
            if (HasOutput)
            {
                output = store.Get(Id);
                if (output is null)
                {
                    return null;
                }
                Fetched |= fetch;
            }
            else if (Status == JobStatus.InProgress && _progress is not null)
            {
                envelope["output"] = _progress.DeepClone();
            }
        }
        var head = JsonSerializer.SerializeToUtf8Bytes(envelope, Delivery.Deliverer.Json);
        if (output is null)
        {
            return head;
        }
        // {…envelope…} + ,"output":<stored> + }
        var joint = Encoding.UTF8.GetBytes(",\"output\":");
        var body = new byte[head.Length - 1 + joint.Length + output.Length + 1];
        head.AsSpan(0, head.Length - 1).CopyTo(body);
        joint.CopyTo(body, head.Length - 1);
        output.CopyTo(body, head.Length - 1 + joint.Length);
        body[^1] = (byte)'}';
        return body;
    }
}
