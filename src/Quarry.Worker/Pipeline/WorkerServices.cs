using Quarry.Worker.Configuration;
using Quarry.Worker.Delivery;
using Quarry.Worker.Fetching;
using Quarry.Worker.Jobs;
using Quarry.Worker.Telemetry;

namespace Quarry.Worker.Pipeline;

/// <summary>Builds the shared job pipeline from options: fetcher, bucket (when configured), deliverer, handler.</summary>
public sealed class WorkerServices : IDisposable
{
    private readonly InputFetcher _fetcher;
    private readonly S3ObjectStore? _store;

    public WorkerServices(WorkerOptions options, JobLog log, IObjectStore? store = null)
    {
        Options = options;
        Log = log;
        _fetcher = new InputFetcher(options);
        if (store is null && options.Bucket is { } bucket)
        {
            _store = new S3ObjectStore(bucket, options.UpstreamTimeout);
            store = _store;
        }
        Models = new ModelReaders(log);
        Handler = new JobHandler(options, _fetcher, new Deliverer(options, store), log, Models);
    }

    public WorkerOptions Options { get; }
    public JobLog Log { get; }
    public JobHandler Handler { get; }

    /// <summary>The model readers jobs use, one per server (the warmup goes through them too).</summary>
    public ModelReaders Models { get; }

    public void Dispose()
    {
        _fetcher.Dispose();
        _store?.Dispose();
    }
}
