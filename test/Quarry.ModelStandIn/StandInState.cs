using System.Text.Json.Nodes;

namespace Quarry.ModelStandIn;

/// <summary>The stand-in's mutable side: its behaviour, the countdowns it implies, the scheduler slots and the accounting.</summary>
public sealed class StandInState(StandInBehaviour behaviour)
{
    private readonly Lock _gate = new();
    private readonly Random _random = new(11);
    private StandInBehaviour _behaviour = behaviour;
    private SemaphoreSlim? _slots = behaviour.MaxNumSeqs > 0 ? new SemaphoreSlim(behaviour.MaxNumSeqs) : null;
    private DateTimeOffset _deadUntil = behaviour.DeadSeconds > 0 ? DateTimeOffset.UtcNow.AddSeconds(behaviour.DeadSeconds) : default;
    private int _errorNext = behaviour.ErrorNext;
    private int _repeatNext = behaviour.RepeatNext;
    private int _inFlight;
    private StandInStats _stats = new();

    public StandInBehaviour Behaviour
    {
        get
        {
            lock (_gate)
            {
                return _behaviour;
            }
        }
    }

    public StandInStats Stats
    {
        get
        {
            lock (_gate)
            {
                return _stats;
            }
        }
    }

    /// <summary>Applies a patch; countdowns and the dead period restart from the values it sets.</summary>
    public StandInBehaviour Configure(JsonObject patch)
    {
        lock (_gate)
        {
            var next = _behaviour.With(patch);
            if (next.MaxNumSeqs != _behaviour.MaxNumSeqs)
            {
                // Requests already queued keep the old slots; new ones use the new limit.
                _slots = next.MaxNumSeqs > 0 ? new SemaphoreSlim(next.MaxNumSeqs) : null;
            }
            if (patch.ContainsKey("dead_seconds"))
            {
                _deadUntil = DateTimeOffset.UtcNow.AddSeconds(next.DeadSeconds);
            }
            if (patch.ContainsKey("error_next"))
            {
                _errorNext = next.ErrorNext;
            }
            if (patch.ContainsKey("repeat_next"))
            {
                _repeatNext = next.RepeatNext;
            }
            _behaviour = next;
            return next;
        }
    }

    public void ResetStats()
    {
        lock (_gate)
        {
            _stats = new StandInStats();
        }
    }

    /// <summary>The dead-period mode when one is running now, else null.</summary>
    public string? Dead()
    {
        lock (_gate)
        {
            return DateTimeOffset.UtcNow < _deadUntil ? _behaviour.DeadMode : null;
        }
    }

    /// <summary>Whether this chat request gets an injected error (consumes one of "next N" first).</summary>
    public bool InjectError()
    {
        lock (_gate)
        {
            var inject = _errorNext > 0 || (_behaviour.ErrorRate > 0 && _random.NextDouble() < _behaviour.ErrorRate);
            if (_errorNext > 0)
            {
                _errorNext--;
            }
            if (inject)
            {
                _stats = _stats with { InjectedErrors = _stats.InjectedErrors + 1 };
            }
            return inject;
        }
    }

    /// <summary>Whether this content request, for a block of <paramref name="label"/>, degenerates into a loop.</summary>
    public bool Repeat(string? label)
    {
        lock (_gate)
        {
            if (_repeatNext > 0)
            {
                _repeatNext--;
                return true;
            }
            return label is not null && string.Equals(label, _behaviour.RepeatBlockType, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>Holds one of max_num_seqs slots (waits in line for it) for the simulated computation.</summary>
    public async Task<IDisposable> AcquireAsync(CancellationToken ct)
    {
        SemaphoreSlim? slots;
        lock (_gate)
        {
            slots = _slots;
        }
        if (slots is not null)
        {
            await slots.WaitAsync(ct);
        }
        lock (_gate)
        {
            _inFlight++;
            _stats = _stats with { MaxInFlight = Math.Max(_stats.MaxInFlight, _inFlight) };
        }
        return new Slot(this, slots);
    }

    public void Count(PromptKind kind, int promptTokens, int completionTokens, double gpuSeconds, bool recognized)
    {
        lock (_gate)
        {
            _stats = _stats with
            {
                Requests = _stats.Requests + 1,
                LayoutRequests = _stats.LayoutRequests + (kind == PromptKind.Layout ? 1 : 0),
                ContentRequests = _stats.ContentRequests + (kind is PromptKind.Text or PromptKind.Table or PromptKind.Formula or PromptKind.Image ? 1 : 0),
                OtherRequests = _stats.OtherRequests + (kind == PromptKind.Unknown ? 1 : 0),
                Unrecognized = _stats.Unrecognized + (recognized ? 0 : 1),
                PromptTokens = _stats.PromptTokens + promptTokens,
                CompletionTokens = _stats.CompletionTokens + completionTokens,
                GpuSeconds = _stats.GpuSeconds + gpuSeconds,
            };
        }
    }

    private sealed class Slot(StandInState state, SemaphoreSlim? slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 1)
            {
                return;
            }
            lock (state._gate)
            {
                state._inFlight--;
            }
            slots?.Release();
        }
    }
}
