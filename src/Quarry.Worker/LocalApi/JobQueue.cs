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
/// On shutdown <see cref="DrainAsync"/> stops intake and lets queued and running jobs finish.
/// </summary>
public sealed class JobQueue(JobHandler handler, int concurrency, ServeOptions options) : BackgroundService
{
    private readonly Channel<JobRecord> _channel = Channel.CreateBounded<JobRecord>(new BoundedChannelOptions(options.QueueCapacity) { FullMode = BoundedChannelFullMode.Wait });
    private readonly ConcurrentDictionary<string, JobRecord> _jobs = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _workersStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _workers = Task.CompletedTask;
    private long _queuedBytes;
    private int _running;
    private volatile bool _draining;

    public ResultStore Results { get; } = new(options);
    public int Running => Volatile.Read(ref _running);
    public int Concurrency => concurrency;
    public bool Draining => _draining;
    public IEnumerable<JobRecord> Jobs => _jobs.Values;

    /// <summary>Takes a job: validated now (an invalid one comes back already FAILED, never queued), then queued.</summary>
    public (JobRecord? Record, Refusal Refusal) Submit(JsonElement input, long inputBytes)
    {
        if (_draining)
        {
            return (null, Refusal.Draining);
        }
        var record = new JobRecord(Guid.NewGuid().ToString("D"), input.Clone(), inputBytes);
        if (handler.Reject(record.Id, input) is { } failure)
        {
            _jobs[record.Id] = record;
            Complete(record, JobStatus.Failed, failure);
            return (record, Refusal.None);
        }
        if (Interlocked.Add(ref _queuedBytes, inputBytes) > options.QueueMaxBytes && inputBytes < Interlocked.Read(ref _queuedBytes))
        {
            Interlocked.Add(ref _queuedBytes, -inputBytes); // one job alone may always wait, however large
            return (null, Refusal.QueueFull);
        }
        if (!_channel.Writer.TryWrite(record))
        {
            Interlocked.Add(ref _queuedBytes, -inputBytes);
            return (null, _draining ? Refusal.Draining : Refusal.QueueFull);
        }
        _jobs[record.Id] = record;
        return (record, Refusal.None);
    }

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
        while (DateTimeOffset.UtcNow < lingerUntil && _jobs.Values.Any(r => r.HasOutput && !r.Fetched))
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

    private void Complete(JobRecord record, string status, JsonObject? output)
    {
        if (record.TryDequeue())
        {
            Interlocked.Add(ref _queuedBytes, -record.InputBytes);
        }
        // An evicted output leaves its record behind, so /status can say the result was evicted rather than "no such job".
        record.Finish(status, output, json => Results.Put(record.Id, json));
    }

    private async Task RunWorkerAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var record in _channel.Reader.ReadAllAsync(stoppingToken))
            {
                if (record.TryDequeue())
                {
                    Interlocked.Add(ref _queuedBytes, -record.InputBytes);
                }
                if (!record.TryStart())
                {
                    continue; // cancelled while queued
                }
                Interlocked.Increment(ref _running);
                try
                {
                    using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, record.Cancellation.Token);
                    var output = await handler.HandleAsync(record.Id, record.Input, p =>
                    {
                        record.Progress = p;
                        return Task.CompletedTask;
                    }, linked.Token);
                    var ok = output["ok"]?.GetValue<bool>() == true;
                    var timedOut = output["error_code"]?.GetValue<string>() == "TIMEOUT" && !record.Cancellation.IsCancellationRequested;
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

    private async Task ExpireAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(Math.Clamp(options.ResultRetention.TotalSeconds / 4, 1, 60)), stoppingToken);
                var cutoff = DateTimeOffset.UtcNow - options.ResultRetention;
                foreach (var record in _jobs.Values.Where(r => r.FinishedAt < cutoff))
                {
                    _jobs.TryRemove(record.Id, out _);
                    Results.Remove(record.Id);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override void Dispose()
    {
        Results.Dispose();
        base.Dispose();
    }
}
