using System.Net.Http.Headers;
using Polly;
using Polly.Timeout;
using Quarry.Worker.Configuration;
using Quarry.Worker.Fetching;
using Quarry.Worker.Jobs;
using Quarry.Worker.Resilience;
using Quarry.Worker.Telemetry;

namespace Quarry.Worker.LocalApi;

/// <summary>
/// Calls a finished job's <c>webhook</c> as RunPod does: POSTs the body <c>/status/{id}</c> would answer, up to
/// three attempts <see cref="ServeOptions.WebhookRetryDelay"/> apart. Deliveries run on their own, off the
/// worker slots; the connect goes through the same address guard as <c>file_url</c>, and no redirect is followed.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    private readonly HttpClient _http;
    private readonly ResiliencePipeline<HttpResponseMessage> _delivery;
    private readonly ServeOptions _serve;
    private readonly JobLog _log;
    private readonly Lock _gate = new();
    private readonly HashSet<Task> _pending = [];

    public WebhookSender(ServeOptions serve, WorkerOptions options, JobLog log)
    {
        _serve = serve;
        _log = log;
        _http = new HttpClient(GuardedConnect.Handler(options.UpstreamTimeout, options.AllowLocalFetch)) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("quarry/" + Quarry.Core.Model.QuarryVersion.Current);
        _delivery = Outbound.Webhook(options.UpstreamTimeout, serve.WebhookRetryDelay);
    }

    /// <summary>Deliveries not finished yet (a draining server waits for them a while).</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Starts delivering <paramref name="body"/> to <paramref name="url"/> and returns at once.</summary>
    public void Send(string jobId, Uri url, byte[] body)
    {
        lock (_gate)
        {
            if (_pending.Count >= _serve.WebhookMaxPending)
            {
                _log.Error("webhook dropped: too many deliveries under way", jobId, new Dictionary<string, object?> { ["pending"] = _pending.Count });
                return;
            }
            var delivery = Task.Run(() => DeliverAsync(jobId, url, body));
            _pending.Add(delivery);
            delivery.ContinueWith(t =>
            {
                lock (_gate)
                {
                    _pending.Remove(t);
                }
            }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private async Task DeliverAsync(string jobId, Uri url, byte[] body)
    {
        var target = UrlRedactor.Redact(url.ToString());
        try
        {
            using var response = await _delivery.ExecuteAsync(async t =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                return await _http.SendAsync(request, t);
            }, CancellationToken.None);
            if (response.IsSuccessStatusCode)
            {
                _log.Info("webhook delivered", jobId, new Dictionary<string, object?> { ["url"] = target, ["status"] = (int)response.StatusCode });
            }
            else
            {
                _log.Error("webhook refused after 3 attempts", jobId, new Dictionary<string, object?> { ["url"] = target, ["status"] = (int)response.StatusCode });
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or OperationCanceledException)
        {
            var why = ex.InnerException is BlockedAddressException blocked ? blocked.Message : ex.Message;
            _log.Error("webhook failed after 3 attempts", jobId, new Dictionary<string, object?> { ["url"] = target, ["error"] = why });
        }
    }

    public void Dispose() => _http.Dispose();
}
