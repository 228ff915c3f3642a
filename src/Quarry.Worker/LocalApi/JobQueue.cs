using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Quarry.Worker.Pipeline;

namespace Quarry.Worker.LocalApi;

/// <summary>Settings of <c>quarry serve</c>.</summary>
public sealed record ServeOptions
{
    public int QueueCapacity { get; init; } = 100;
    public TimeSpan ResultRetention { get; init; } = TimeSpan.FromMinutes(30);
    public string? ApiKey { get; init; }

    public static ServeOptions FromEnvironment() => new()
    {
        QueueCapacity = int.TryParse(Environment.GetEnvironmentVariable("QUARRY_QUEUE_CAPACITY"), out var q) && q > 0 ? q : 100,
        ResultRetention = TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable("QUARRY_RESULT_TTL_SECONDS"), out var t) && t > 0 ? t : 1800),
        ApiKey = Environment.GetEnvironmentVariable("QUARRY_API_KEY") is { Length: > 0 } k ? k : null,
    };
}

/// <summary>
/// The local API's bounded queue and its workers: jobs wait in a channel of fixed capacity (a full queue
/// refuses new jobs), <c>MaxConcurrency</c> workers run them, and finished jobs are kept for the retention time.
/// </summary>
public sealed class JobQueue(JobHandler handler, int concurrency, ServeOptions options) : BackgroundService
{
    private readonly Channel<JobRecord> _channel = Channel.CreateBounded<JobRecord>(new BoundedChannelOptions(options.QueueCapacity) { FullMode = BoundedChannelFullMode.Wait });
    private readonly ConcurrentDictionary<string, JobRecord> _jobs = new(StringComparer.Ordinal);
    private int _running;

    public int Running => Volatile.Read(ref _running);
    public int Concurrency => concurrency;
    public IEnumerable<JobRecord> Jobs => _jobs.Values;

    public JobRecord? Enqueue(JsonElement input)
    {
        var record = new JobRecord(Guid.NewGuid().ToString("D"), input.Clone());
        if (!_channel.Writer.TryWrite(record))
        {
            return null;
        }
        _jobs[record.Id] = record;
        return record;
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
        record.Finish(JobStatus.Cancelled, null);
        return record;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workers = Enumerable.Range(0, concurrency).Select(_ => RunWorkerAsync(stoppingToken)).ToList();
        workers.Add(ExpireAsync(stoppingToken));
        await Task.WhenAll(workers);
    }

    private async Task RunWorkerAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var record in _channel.Reader.ReadAllAsync(stoppingToken))
            {
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
                    record.Finish(ok ? JobStatus.Completed : timedOut ? JobStatus.TimedOut : JobStatus.Failed, output);
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
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
