using System.Collections.Concurrent;
using Quarry.Parsing.Readers.Model;
using Quarry.Parsing.Readers.Model.Vlm;

namespace Quarry.Worker.Jobs;

/// <summary>
/// One model reader per server for the process's lifetime: jobs share its connections, its resolved model
/// id and its in-flight limit (the breaker is per server already), so a thousand jobs do not mean a
/// thousand <c>/v1/models</c> calls. Key, model and tuning come from the QUARRY_VLM_* variables.
/// </summary>
public sealed class ModelReaders
{
    private readonly ConcurrentDictionary<string, Lazy<IModelPageReader>> _readers = new(StringComparer.Ordinal);
    private readonly Func<string, IModelPageReader> _create;

    /// <param name="log">Where breaker transitions are logged, in the runbook's words (<c>circuit_breaker_state=OPEN</c>).</param>
    public ModelReaders(Telemetry.JobLog? log = null, Func<string, IModelPageReader>? create = null) =>
        _create = create ?? (url => VlmPageReader.Create(VlmOptions.FromEnvironment(url) with
        {
            OnBreakerStateChanged = (server, state) => Log(log, server, state),
        }));

    private static void Log(Telemetry.JobLog? log, string server, string state)
    {
        var fields = new Dictionary<string, object?> { ["circuit_breaker_state"] = state, ["server"] = server };
        var message = $"model server circuit breaker {state} (circuit_breaker_state={state})";
        if (state == "OPEN")
        {
            log?.Warn(message + ": CircuitBreakerOpen, requests fail fast until the recovery timeout", fields: fields);
        }
        else
        {
            log?.Info(message, fields: fields);
        }
    }

    public IModelPageReader For(string serverUrl) =>
        // Keyed by where requests go; created from the URL as given (a trailing "/" keeps its path, MinerU's rule).
        _readers.GetOrAdd(VlmOptions.NormalizeServerUrl(serverUrl), _ => new Lazy<IModelPageReader>(() => _create(serverUrl))).Value;
}
