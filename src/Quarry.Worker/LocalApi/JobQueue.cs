using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Quarry.Parsing.Errors;
using Quarry.Worker.Jobs;
using Quarry.Worker.Pipeline;

namespace Quarry.Worker.LocalApi;

/// <summary>Why a job was not taken.</summary>
public enum Refusal
{
    None,
    QueueFull,
    Draining,
}

/// <summary>
/// The local API's bounded queue and its workers: jobs wait in a channel of fixed capacity (and a cap on the
/// bytes of input waiting), <c>MaxConcurrency</c> workers run them, and finished jobs' outputs go to the
/// <see cref="ResultStore"/> for the retention time. Invalid jobs are answered at submit and never queued.
/// On shutdown <see cref="DrainAsync"/> stops intake and lets queued and running jobs finish. A job's
/// <see cref="JobTerms"/> add a webhook (called off the worker slots), an execution timeout and a lifespan.
/// </summary>
public sealed class JobQueue(JobHandler handler, int concurrency, ServeOptions options, WebhookSender? webhooks = null) : BackgroundService
{
    private readonly Channel<JobRecord> _channel = Channel.CreateBounded<JobRecord>(new BoundedChannelOptions(options.QueueCapacity) { FullMode = BoundedChannelFullMode.Wait });
    private readonly ConcurrentDictionary<string, JobRecord> _jobs = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _workersStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _workers = Task.CompletedTask;
    private long _queuedBytes;
    private int _running;
    private int _retried;
    private volatile bool _draining;

    public ResultStore Results { get; } = new(options);
    public int Running => Volatile.Read(ref _running);
    public int Concurrency => concurrency;
    public bool Draining => _draining;
    public int Retried => Volatile.Read(ref _retried);
    public IEnumerable<JobRecord> Jobs => _jobs.Values;

    /// <summary>Takes a job: validated now (an invalid one comes back already FAILED, never queued), then queued.</summary>
    public (JobRecord? Record, Refusal Refusal) Submit(JsonElement input, long inputBytes, JobTerms? terms = null) =>
        Enqueue(new JobRecord(Guid.NewGuid().ToString("D"), input.Clone(), inputBytes, terms ?? new JobTerms { Retention = options.ResultRetention }));

    /// <summary>
    /// Queues a FAILED or TIMED_OUT job again under its id, with its input and terms (RunPod's <c>/retry</c>).
    /// Null with the reason when it cannot be: unknown id, another state, or its input no longer kept.
    /// </summary>
    public (JobRecord? Record, Refusal Refusal, string? Error) Retry(string id)
    {
        if (Find(id) is not { } old)
        {
            return (null, Refusal.None, $"no job {id}");
        }
        if (old.Status is not (JobStatus.Failed or JobStatus.TimedOut))
        {
            return (null, Refusal.None, $"job {id} is {old.Status}; only FAILED or TIMED_OUT jobs can be retried");
        }
        if (Results.Get(InputKey(id)) is not { } bytes)
        {
            return (null, Refusal.None, $"the input of job {id} is no longer kept (evicted to stay within QUARRY_RESULT_DISK_BYTES); submit it again");
        }
        using var input = JsonDocument.Parse(bytes);
        var output = Results.Get(id);
        // The new run's output goes under the same id: the old one must be gone before a worker can take the job.
        Results.Remove(id);
        Results.Remove(InputKey(id));
        var (record, refusal) = Enqueue(new JobRecord(id, input.RootElement.Clone(), bytes.LongLength, old.Terms), replace: old);
        if (record is null)
        {
            Results.Put(InputKey(id), bytes);
            if (output is not null)
            {
                Results.Put(id, output);
            }
            return (null, refusal, refusal == Refusal.None ? $"job {id} is being retried already" : null);
        }
        Interlocked.Increment(ref _retried);
        return (record, refusal, null);
    }

    /// <summary>Cancels every job still waiting in the queue (RunPod's <c>/purge-queue</c>); running jobs go on.</summary>
    public int Purge() => _jobs.Values.Count(r => Complete(r, JobStatus.Cancelled, null, onlyIfQueued: true));

    private (JobRecord? Record, Refusal Refusal) Enqueue(JobRecord record, JobRecord? replace = null)
    {
        var input = record.Input;
        var inputBytes = record.InputBytes;
        if (_draining)
        {
            return (null, Refusal.Draining);
        }
        if (handler.Reject(record.Id, input) is { } failure)
        {
            _jobs[record.Id] = record;
            Complete(record, JobStatus.Failed, failure);
            return (record, Refusal.None);
        }
        var queued = Interlocked.Add(ref _queuedBytes, inputBytes);
        if (queued > options.QueueMaxBytes && queued > inputBytes)
        {
            Interlocked.Add(ref _queuedBytes, -inputBytes); // one job alone may always wait, however large
            return (null, Refusal.QueueFull);
        }
        // The record is in the table before a worker can take it: a fast job's webhook then finds it.
        if (replace is null ? !_jobs.TryAdd(record.Id, record) : !_jobs.TryUpdate(record.Id, record, replace))
        {
            Interlocked.Add(ref _queuedBytes, -inputBytes);
            return (null, Refusal.None); // retried twice at once: the other call won
        }
        if (!_channel.Writer.TryWrite(record))
        {
            Interlocked.Add(ref _queuedBytes, -inputBytes);
            if (replace is null)
            {
                _jobs.TryRemove(record.Id, out _);
            }
            else
            {
                _jobs.TryUpdate(record.Id, replace, record);
            }
            return (null, _draining ? Refusal.Draining : Refusal.QueueFull);
        }
        return (record, Refusal.None);
    }

    private static string InputKey(string id) => id + ".input";

    public JobRecord? Find(string id) => _jobs.GetValueOrDefault(id);

    /// <summary>Cancels a queued or running job; a finished one keeps its status. Null when the id is unknown.</summary>
    public JobRecord? Cancel(string id)
    {
        if (Find(id) is not { } record)
        {
            return null;
        }
        record.Cancellation.Cancel();
        Complete(record, JobStatus.Cancelled, null);
        return record;
    }

    /// <summary>
    /// Stops intake and waits for queued and running jobs to finish; those still unfinished after
    /// <see cref="ServeOptions.DrainTimeout"/> are cancelled and failed as TIMEOUT. Then, for up to
    /// <see cref="ServeOptions.DrainLinger"/>, waits for callers to fetch results they have not fetched yet.
    /// </summary>
    public async Task DrainAsync()
    {
        _draining = true;
        _channel.Writer.TryComplete();
        await _workersStarted.Task.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        var workers = _workers;
        if (await Task.WhenAny(workers, Task.Delay(options.DrainTimeout)) != workers)
        {
            var message = $"the server shut down before the job finished (drain timeout {options.DrainTimeout.TotalSeconds:F0} s); submit it again";
            foreach (var record in _jobs.Values.Where(r => !r.IsFinished))
            {
                record.Cancellation.Cancel();
                Complete(record, JobStatus.Failed, handler.Failure(record.Id, new JobException(ErrorCode.Timeout, message, null) { Phase = "shutdown" }));
            }
            await Task.WhenAny(workers, Task.Delay(TimeSpan.FromSeconds(5)));
        }
        var lingerUntil = DateTimeOffset.UtcNow + options.DrainLinger;
        while (DateTimeOffset.UtcNow < lingerUntil && (_jobs.Values.Any(r => r.HasOutput && !r.Fetched) || webhooks?.Pending > 0))
        {
            await Task.Delay(100);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _workers = Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => RunWorkerAsync(stoppingToken)));
        _workersStarted.TrySetResult();
        await Task.WhenAll(_workers, ExpireAsync(stoppingToken));
    }

    private bool Complete(JobRecord record, string status, JsonObject? output, bool onlyIfQueued = false)
    {
        var input = record.Input;
        // An evicted output leaves its record behind, so /status can say the result was evicted rather than "no such job".
        if (!record.Finish(status, output, json =>
            {
                if (status is JobStatus.Failed or JobStatus.TimedOut && input.ValueKind != JsonValueKind.Undefined)
                {
                    Results.Put(InputKey(record.Id), JsonSerializer.SerializeToUtf8Bytes(input)); // for /retry, within the same bounds as results
                }
                Results.Put(record.Id, json);
            }, onlyIfQueued))
        {
            return false;
        }
        if (record.TryDequeue())
        {
            Interlocked.Add(ref _queuedBytes, -record.InputBytes);
        }
        if (record.Terms.Webhook is { } url && webhooks is not null && record.ToResponse(Results, fetch: false) is { } body)
        {
            webhooks.Send(record.Id, url, body);
        }
        return true;
    }

    /// <summary>Drops a job that is still queued past its deadline: it never runs, and it is forgotten.</summary>
    private void Drop(JobRecord record)
    {
        if (record.Finish(JobStatus.Cancelled, null, null, onlyIfQueued: true))
        {
            if (record.TryDequeue())
            {
                Interlocked.Add(ref _queuedBytes, -record.InputBytes);
            }
            _jobs.TryRemove(new KeyValuePair<string, JobRecord>(record.Id, record));
        }
    }

    private void Forget(JobRecord record)
    {
        if (_jobs.TryRemove(new KeyValuePair<string, JobRecord>(record.Id, record)))
        {
            Results.Remove(record.Id);
            Results.Remove(InputKey(record.Id));
        }
    }

    private async Task RunWorkerAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var record in _channel.Reader.ReadAllAsync(stoppingToken))
            {
                if (record.Deadline < DateTimeOffset.UtcNow)
                {
                    Drop(record);
                }
                if (record.TryDequeue())
                {
                    Interlocked.Add(ref _queuedBytes, -record.InputBytes);
                }
                if (!record.TryStart())
                {
                    continue; // cancelled, purged or dropped while queued
                }
                Interlocked.Increment(ref _running);
                try
                {
                    using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, record.Cancellation.Token);
                    using var timeout = WatchExecution(record, linked);
                    var output = await handler.HandleAsync(record.Id, record.Input, p =>
                    {
                        record.Progress = p;
                        return Task.CompletedTask;
                    }, linked.Token);
                    var ok = output["ok"]?.GetValue<bool>() == true;
                    var timedOut = output["error_code"]?.GetValue<string>() == "TIMEOUT" && !record.Cancellation.IsCancellationRequested && !stoppingToken.IsCancellationRequested;
                    Complete(record, ok ? JobStatus.Completed : timedOut ? JobStatus.TimedOut : JobStatus.Failed, output);
                }
                finally
                {
                    Interlocked.Decrement(ref _running);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Applies <see cref="JobTerms.ExecutionTimeout"/>: when it passes, the job ends TIMED_OUT at once (as
    /// <c>/cancel</c> ends it CANCELLED) and its work is cancelled cooperatively, which frees the slot.
    /// </summary>
    private ExecutionWatch? WatchExecution(JobRecord record, CancellationTokenSource linked)
    {
        if (record.Terms.ExecutionTimeout is not { } limit)
        {
            return null;
        }
        var timer = new CancellationTokenSource(limit);
        return new ExecutionWatch(timer, timer.Token.Register(() =>
        {
            var message = $"the job ran past its policy.executionTimeout of {limit.TotalMilliseconds:F0} ms and was stopped";
            if (Complete(record, JobStatus.TimedOut, handler.Failure(record.Id, new JobException(ErrorCode.Timeout, message) { Phase = "run" })))
            {
                linked.Cancel();
            }
        }));
    }

    /// <summary>The execution-timeout timer of a running job and its callback, released when the job ends.</summary>
    private sealed class ExecutionWatch(CancellationTokenSource timer, CancellationTokenRegistration callback) : IDisposable
    {
        public void Dispose()
        {
            callback.Dispose(); // waits for a callback already running
            timer.Dispose();
        }
    }

    /// <summary>Once a second: drops queued jobs past their deadline and forgets finished ones past their expiry.</summary>
    private async Task ExpireAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                var now = DateTimeOffset.UtcNow;
                foreach (var record in _jobs.Values)
                {
                    if (record.Status == JobStatus.InQueue && record.Deadline < now)
                    {
                        Drop(record);
                    }
                    else if (record.ExpiresAt < now)
                    {
                        Forget(record);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override void Dispose()
    {
        webhooks?.Dispose();
        Results.Dispose();
        base.Dispose();
    }
}
