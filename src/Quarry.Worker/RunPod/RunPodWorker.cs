using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Quarry.Worker.Configuration;
using Quarry.Worker.Delivery;
using Polly;
using Polly.Timeout;
using Quarry.Worker.Pipeline;
using Quarry.Worker.Resilience;
using Quarry.Worker.Telemetry;

namespace Quarry.Worker.RunPod;

/// <summary>
/// RunPod's serverless worker protocol, natively: long-poll the job-take webhook, run jobs up to the
/// concurrency setting, post each result (and each progress update, awaited) to job-done, heartbeat on a
/// timer of its own, and on shutdown stop taking jobs and finish the ones in hand. Every call to RunPod is
/// bounded (Polly): the long poll by its take timeout, the heartbeat by twice its interval, each job-done
/// attempt by the upstream timeout.
/// </summary>
public sealed class RunPodWorker(RunPodSettings settings, WorkerOptions options, JobHandler handler, JobLog log, HttpMessageHandler? transport = null) : IDisposable
{
    private static readonly string SdkVersion = "quarry-" + Quarry.Core.Model.QuarryVersion.Current;
    private readonly HttpClient _http = CreateClient(settings, options, transport);
    private readonly ResiliencePipeline _takeBound = Outbound.Timeout(settings.TakeTimeout);
    private readonly ResiliencePipeline _pingBound = Outbound.Timeout(settings.PingInterval * 2);
    private readonly ResiliencePipeline<HttpResponseMessage> _donePost = Outbound.RepeatablePost(options.UpstreamTimeout, outcome =>
        log.Warn("job-done post failed; retrying", fields: new Dictionary<string, object?>
        {
            ["status"] = (int?)outcome.Result?.StatusCode,
            ["error"] = outcome.Exception?.Message,
        }));
    private readonly HashSet<string> _inProgress = [];
    private readonly Lock _gate = new();
    private long _jobsDone;
    private long _pagesDone;

    public IReadOnlyCollection<string> InProgress
    {
        get
        {
            lock (_gate)
            {
                return _inProgress.ToArray();
            }
        }
    }

    /// <summary>Runs until <paramref name="stop"/> fires, then drains the jobs in hand.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        using var pingStop = new CancellationTokenSource();
        var ping = PingLoopAsync(pingStop.Token);
        var running = new List<Task>();
        var concurrency = Math.Max(1, options.MaxConcurrency);
        while (!stop.IsCancellationRequested)
        {
            running.RemoveAll(t => t.IsCompleted);
            var needed = concurrency - running.Count;
            if (needed <= 0)
            {
                await Task.WhenAny(Task.WhenAny(running), Task.Delay(TimeSpan.FromSeconds(1), stop)).ConfigureAwait(false);
                continue;
            }
            List<JsonElement> jobs;
            try
            {
                jobs = await TakeAsync(needed, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            foreach (var job in jobs)
            {
                var id = job.GetProperty("id").GetString()!;
                lock (_gate)
                {
                    _inProgress.Add(id); // tracked at once: drives job_in_progress and the heartbeat's job_id
                }
                running.Add(RunJobAsync(id, job.GetProperty("input")));
            }
        }
        log.Info("stopping: no new jobs; finishing those in hand", fields: new Dictionary<string, object?> { ["in_progress"] = running.Count(t => !t.IsCompleted) });
        await Task.WhenAll(running);
        await pingStop.CancelAsync();
        await ping;
    }

    private async Task<List<JsonElement>> TakeAsync(int needed, CancellationToken stop)
    {
        var template = settings.TakeUrl;
        var query = new List<(string, string)> { ("job_in_progress", InProgress.Count > 0 ? "1" : "0") };
        if (needed > 1 && template.Contains("/job-take/", StringComparison.Ordinal))
        {
            template = template.Replace("/job-take/", "/job-take-batch/", StringComparison.Ordinal);
            query.Add(("batch_size", needed.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        var url = RunPodSettings.Expand(template, settings.PodId, [.. query]);
        try
        {
            using var response = await _takeBound.ExecuteAsync(async t => await _http.GetAsync(url, t), stop);
            switch (response.StatusCode)
            {
                case HttpStatusCode.NoContent or HttpStatusCode.BadRequest:
                    return [];
                case HttpStatusCode.TooManyRequests:
                    await Task.Delay(TimeSpan.FromSeconds(5), stop);
                    return [];
                case HttpStatusCode.OK:
                    break;
                default:
                    log.Warn("job take failed", fields: new Dictionary<string, object?> { ["status"] = (int)response.StatusCode });
                    await Task.Delay(TimeSpan.FromSeconds(1), stop);
                    return [];
            }
            var body = await response.Content.ReadAsStringAsync(stop);
            if (string.IsNullOrWhiteSpace(body))
            {
                return [];
            }
            using var doc = JsonDocument.Parse(body);
            var items = doc.RootElement.ValueKind == JsonValueKind.Array ? doc.RootElement.EnumerateArray().ToList() : [doc.RootElement];
            return items.Where(j => j.ValueKind == JsonValueKind.Object && j.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && j.TryGetProperty("input", out _))
                .Select(j => j.Clone()).ToList();
        }
        catch (TimeoutRejectedException)
        {
            return []; // long poll ran out: ask again
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException)
        {
            log.Warn("job take failed", fields: new Dictionary<string, object?> { ["error"] = ex.Message });
            await Task.Delay(TimeSpan.FromSeconds(1), stop);
            return [];
        }
    }

    private async Task RunJobAsync(string id, JsonElement input)
    {
        await Task.Yield();
        JsonObject output;
        try
        {
            // A job is never cancelled by the worker's shutdown: it finishes and reports.
            output = await handler.HandleAsync(id, input, p => PostAsync(id, new JsonObject { ["status"] = "IN_PROGRESS", ["output"] = p }), CancellationToken.None);
        }
        catch (Exception ex)
        {
            output = new JsonObject
            {
                ["error"] = new JsonObject
                {
                    ["error_type"] = ex.GetType().Name,
                    ["error_message"] = ex.Message,
                    ["error_traceback"] = ex.StackTrace,
                    ["hostname"] = Environment.MachineName,
                    ["worker_id"] = settings.PodId,
                    ["runpod_version"] = SdkVersion,
                }.ToJsonString(),
            };
        }
        try
        {
            await PostAsync(id, ToJobResult(output));
        }
        finally
        {
            lock (_gate)
            {
                _inProgress.Remove(id);
            }
        }
    }

    /// <summary>runpod-python's shape: an <c>error</c> key goes top-level (the job FAILS), the rest stays as <c>output</c>.</summary>
    private JsonObject ToJobResult(JsonObject output)
    {
        var pages = output["results"]?[0]?["page_range"]?["pages"]?.GetValue<int>() ?? 0;
        var jobs = Interlocked.Increment(ref _jobsDone);
        var totalPages = Interlocked.Add(ref _pagesDone, pages);
        QuarryTelemetry.CountJob(pages);
        var refresh = (options.RefreshAfterJobs > 0 && jobs >= options.RefreshAfterJobs)
            || (options.RefreshAfterPages > 0 && totalPages >= options.RefreshAfterPages);
        JsonObject result;
        if (output.ContainsKey("error"))
        {
            var rest = output.DeepClone().AsObject();
            var error = rest["error"]!.DeepClone();
            rest.Remove("error");
            result = new JsonObject { ["error"] = error };
            if (rest.Count > 0)
            {
                result["output"] = rest;
            }
        }
        else
        {
            result = new JsonObject { ["output"] = output.DeepClone() };
        }
        if (refresh)
        {
            QuarryTelemetry.Refreshes.Add(1);
            result["stopPod"] = true;
        }
        return result;
    }

    /// <summary>POSTs to job-done through <see cref="Outbound.RepeatablePost"/>; a 4xx, or a failure after the last attempt, is logged and dropped.</summary>
    private async Task PostAsync(string jobId, JsonObject body)
    {
        var url = RunPodSettings.Expand(settings.DoneUrl, jobId, ("isStream", "false"));
        var payload = body.ToJsonString(Deliverer.Json);
        try
        {
            using var response = await _donePost.ExecuteAsync(async t =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url)
                {
                    Content = new StringContent(payload, Encoding.UTF8),
                };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
                request.Headers.Add("X-Request-ID", jobId);
                return await _http.SendAsync(request, t);
            }, CancellationToken.None);
            if (!response.IsSuccessStatusCode)
            {
                log.Error("job-done post rejected", jobId, new Dictionary<string, object?> { ["status"] = (int)response.StatusCode, ["bytes"] = payload.Length });
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException)
        {
            log.Error("job-done post failed", jobId, new Dictionary<string, object?> { ["error"] = ex.Message });
        }
    }

    private async Task PingLoopAsync(CancellationToken stop)
    {
        if (settings.PingUrl is null || settings.ApiKey is null)
        {
            return;
        }
        using var timer = new PeriodicTimer(settings.PingInterval);
        do
        {
            try
            {
                var url = RunPodSettings.Expand(settings.PingUrl, settings.PodId, ("job_id", string.Join(',', InProgress)), ("runpod_version", SdkVersion));
                using var response = await _pingBound.ExecuteAsync(async t => await _http.GetAsync(url, t), stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException)
            {
                log.Warn("heartbeat failed", fields: new Dictionary<string, object?> { ["error"] = ex.Message });
            }
        }
        while (await WaitAsync(timer, stop));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stop)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stop);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static HttpClient CreateClient(RunPodSettings settings, WorkerOptions options, HttpMessageHandler? transport)
    {
        var http = transport is null ? new HttpClient(Outbound.Handler(options.UpstreamTimeout)) : new HttpClient(transport, disposeHandler: false);
        http.Timeout = Timeout.InfiniteTimeSpan;
        if (settings.ApiKey is { Length: > 0 } key)
        {
            http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", key); // raw key, no "Bearer", like runpod-python
        }
        http.DefaultRequestHeaders.UserAgent.ParseAdd(SdkVersion.Replace("quarry-", "quarry/", StringComparison.Ordinal));
        return http;
    }

    public void Dispose() => _http.Dispose();
}
