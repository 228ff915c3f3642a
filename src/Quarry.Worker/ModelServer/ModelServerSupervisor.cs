using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Quarry.Worker.ModelServer;

/// <summary>
/// Starts the model server (vLLM with MinerU2.5) beside the worker and keeps it up: waits for its health,
/// restarts it when it exits or stops answering (exponential backoff with jitter, Polly's retry), gives up
/// after <see cref="ModelServerOptions.MaxRestarts"/> crashes in a row (a crash after
/// <see cref="ModelServerOptions.StableAfter"/> of uptime starts the count afresh), and stops it, its process
/// group included, on shutdown. As an <see cref="IJobGate"/> it is open while the server is healthy.
/// </summary>
public sealed partial class ModelServerSupervisor : IJobGate, IAsyncDisposable
{
    private readonly ModelServerOptions _options;
    private readonly ILogger _logger;
    private readonly ModelServerHealth _health;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly ResiliencePipeline _restarts;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ModelServerState _state = ModelServerState.NotStarted;
    private Task _run = Task.CompletedTask;
    private int _crashesInARow;

    public ModelServerSupervisor(ModelServerOptions options, ILogger<ModelServerSupervisor> logger)
    {
        _options = options;
        _logger = logger;
        _health = new ModelServerHealth(options.Url, options.ApiKey);
        _restarts = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
        {
            // Only quick crashes are retried here; a crash after a stable run leaves the pipeline and starts a fresh count.
            ShouldHandle = new PredicateBuilder().Handle<ServerCrashedException>(e => !e.AfterStableRun),
            MaxRetryAttempts = options.MaxRestarts,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.BackoffBase,
            MaxDelay = options.BackoffMax,
            OnRetry = args =>
            {
                _crashesInARow = args.AttemptNumber + 1;
                LogRestarting(_logger, args.Outcome.Exception?.Message ?? "?", args.RetryDelay.TotalSeconds, _crashesInARow, options.MaxRestarts);
                SetState(ModelServerState.Restarting);
                return ValueTask.CompletedTask;
            },
        }).Build();
    }

    public ModelServerState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <summary>The running server's process id (the leader of its process group), or null.</summary>
    public int? ProcessId { get; private set; }

    /// <summary>How many times the server was started.</summary>
    public int Starts { get; private set; }

    public string Url => _options.Url;

    public void Start()
    {
        SetState(ModelServerState.Starting);
        _run = Task.Run(() => SuperviseAsync(_stop.Token));
    }

    /// <summary>Completes when the server is healthy; throws <see cref="ModelServerUnavailableException"/> when the supervisor gave up or was stopped.</summary>
    public async Task WaitReadyAsync(CancellationToken ct)
    {
        if (!await WaitOpenAsync(ct))
        {
            throw new ModelServerUnavailableException($"the model server at {_options.Url} is {State.ToString().ToLowerInvariant()}");
        }
    }

    public async Task<bool> WaitOpenAsync(CancellationToken ct)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                switch (_state)
                {
                    case ModelServerState.Healthy:
                        return true;
                    case ModelServerState.Failed or ModelServerState.Stopped:
                        return false;
                }
                changed = _changed.Task;
            }
            await changed.WaitAsync(ct);
        }
    }

    /// <summary>Completes when the state changes next (tests, and whoever watches the server).</summary>
    public Task NextChangeAsync()
    {
        lock (_gate)
        {
            return _changed.Task;
        }
    }

    private void SetState(ModelServerState state)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            if (_state == state)
            {
                return;
            }
            _state = state;
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.TrySetResult();
    }

    private async Task SuperviseAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await _restarts.ExecuteAsync(RunOnceAsync, stop);
            }
            catch (ServerCrashedException ex) when (ex.AfterStableRun)
            {
                LogStableCrash(_logger, ex.Message);
                _crashesInARow = 0;
                continue;
            }
            catch (ServerCrashedException ex)
            {
                LogGivingUp(_logger, _options.MaxRestarts + 1, ex.Message);
                SetState(ModelServerState.Failed);
                return;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
        }
        SetState(ModelServerState.Stopped);
    }

    /// <summary>One life of the server: start, wait for health, watch it; ends only by throwing (crash, hang, or shutdown).</summary>
    private async ValueTask RunOnceAsync(CancellationToken stop)
    {
        SetState(ModelServerState.Starting);
        var clock = Stopwatch.StartNew();
        using var process = ServerProcess.Start(_options.Command, _logger);
        ProcessId = process.Id;
        Starts++;
        LogStarted(_logger, process.Id, _options.Url);
        try
        {
            await WaitHealthyAsync(process, clock, stop);
            SetState(ModelServerState.Healthy);
            LogReady(_logger, clock.Elapsed.TotalSeconds, process.Id);
            await WatchAsync(process, clock, stop);
        }
        finally
        {
            // On shutdown the server gets its grace period; a crashed or hung one is cleared away at once.
            await process.StopAsync(stop.IsCancellationRequested ? _options.StopGrace : TimeSpan.FromSeconds(2));
            ProcessId = null;
            if (State == ModelServerState.Healthy)
            {
                SetState(ModelServerState.Restarting);
            }
        }
    }

    private async Task WaitHealthyAsync(ServerProcess process, Stopwatch clock, CancellationToken stop)
    {
        while (!await _health.IsReadyAsync(stop))
        {
            if (process.HasExited)
            {
                throw new ServerCrashedException($"the model server exited with status {process.ExitCode} before it was healthy", afterStableRun: false);
            }
            if (clock.Elapsed > _options.StartTimeout)
            {
                throw new ServerCrashedException($"the model server was not healthy within {_options.StartTimeout.TotalSeconds:0} s", afterStableRun: false);
            }
            await Task.Delay(_options.PollInterval, stop);
        }
    }

    private async Task WatchAsync(ServerProcess process, Stopwatch clock, CancellationToken stop)
    {
        var failures = 0;
        while (true)
        {
            var exited = process.WaitForExitAsync(stop);
            var tick = Task.Delay(_options.LivenessInterval, stop);
            if (await Task.WhenAny(exited, tick) == exited)
            {
                await exited; // rethrows a shutdown's cancellation
                throw new ServerCrashedException($"the model server exited with status {process.ExitCode} after {clock.Elapsed.TotalSeconds:0} s", clock.Elapsed >= _options.StableAfter);
            }
            await tick;
            failures = await _health.IsLiveAsync(stop) ? 0 : failures + 1;
            if (failures >= _options.LivenessFailures)
            {
                throw new ServerCrashedException($"the model server stopped answering /health ({failures} probes in a row)", clock.Elapsed >= _options.StableAfter);
            }
        }
    }

    /// <summary>Stops supervising and stops the server (SIGTERM to its group, SIGKILL after the grace period).</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _run;
        SetState(ModelServerState.Stopped);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _health.Dispose();
        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "model server started (pid {Pid}); waiting for {Url} to be healthy")]
    private static partial void LogStarted(ILogger logger, int pid, string url);

    [LoggerMessage(Level = LogLevel.Information, Message = "model server ready after {Seconds:0.0} s (pid {Pid})")]
    private static partial void LogReady(ILogger logger, double seconds, int pid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "model server down: {Reason}; restarting in {DelaySeconds:0.0} s (crash {Crash} of {MaxRestarts} allowed in a row)")]
    private static partial void LogRestarting(ILogger logger, string reason, double delaySeconds, int crash, int maxRestarts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "model server down after a stable run: {Reason}; restarting now")]
    private static partial void LogStableCrash(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "model server gave up after {Crashes} crashes in a row (last: {Reason}); this worker is unhealthy and takes no jobs")]
    private static partial void LogGivingUp(ILogger logger, int crashes, string reason);
}

/// <summary>The server went down (exited, hung, or never became healthy).</summary>
internal sealed class ServerCrashedException(string message, bool afterStableRun) : Exception(message)
{
    public bool AfterStableRun { get; } = afterStableRun;
}

/// <summary>The model server is not and will not be available (the supervisor gave up or was stopped).</summary>
public sealed class ModelServerUnavailableException(string message) : Exception(message);
