namespace Quarry.Worker.ModelServer;

public enum ModelServerState
{
    NotStarted,
    Starting,
    Healthy,

    /// <summary>Crashed (or hung); waiting out the backoff before the next start.</summary>
    Restarting,

    /// <summary>Gave up after too many crashes in a row: the worker takes no jobs.</summary>
    Failed,
    Stopped,
}
