namespace Quarry.ModelStandIn;

/// <summary>The stand-in's accounting (<c>GET /_stand-in/stats</c>): what a real server would have spent on this client.</summary>
public sealed record StandInStats
{
    public long Requests { get; init; }
    public long LayoutRequests { get; init; }
    public long ContentRequests { get; init; }
    public long OtherRequests { get; init; }
    public long InjectedErrors { get; init; }
    public long Unrecognized { get; init; }
    public long PromptTokens { get; init; }
    public long CompletionTokens { get; init; }

    /// <summary>Simulated busy time: per-request latency plus per-token decode time, summed over requests.</summary>
    public double GpuSeconds { get; init; }

    /// <summary>Most requests computed at once (bounded by max_num_seqs when set).</summary>
    public int MaxInFlight { get; init; }
}
