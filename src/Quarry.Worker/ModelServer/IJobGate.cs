namespace Quarry.Worker.ModelServer;

/// <summary>What a worker waits on before it takes a job: open when what the jobs need is up.</summary>
public interface IJobGate
{
    /// <summary>Completes true once open; false when it will never open again (the worker then takes no jobs and reports itself unhealthy).</summary>
    Task<bool> WaitOpenAsync(CancellationToken ct);
}
