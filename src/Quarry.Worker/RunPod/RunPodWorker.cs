using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Quarry.Worker.Configuration;
using Quarry.Worker.Delivery;
using Quarry.Worker.ModelServer;
using Polly;
using Polly.Timeout;
using Quarry.Worker.Pipeline;
using Quarry.Worker.Resilience;
using Quarry.Worker.Telemetry;

namespace Quarry.Worker.RunPod;

/// <summary>
/// RunPod's serverless worker protocol, natively: long-poll the job-take webhook, run jobs up to the
/// concurrency setting, post each result (and each progress update, awaited) to job-done, heartbeat on a
/// timer of its own, long-poll the job-stop channel and cancel the jobs RunPod stops (cancelled or timed out
/// there; they get no job-done post), and on shutdown, or after asking RunPod to stop the pod, stop taking
/// jobs and finish the ones in hand. Every call to RunPod is bounded (Polly): the long polls by the take
/// timeout, each heartbeat attempt by twice its interval, each job-done attempt by <see cref="RunPodSettings.DoneTimeout"/>.
/// </summary>
public sealed class RunPodWorker(RunPodSettings settings, WorkerOptions options, JobHandler handler, JobLog log, HttpMessageHandler? transport = null, IJobGate? gate = null) : IDisposable
{
    private static readonly string SdkVersion = "quarry-" + Quarry.Core.Model.QuarryVersion.Current;
    private readonly HttpClient _http = CreateClient(settings, options, transport);
    private readonly ResiliencePipeline _takeBound = Outbound.Timeout(settings.TakeTimeout);
    private readonly ResiliencePipeline<HttpResponseMessage> _ping = Outbound.Heartbeat(settings.PingInterval * 2, settings.PingRetryDelay);
    private readonly ResiliencePipeline<HttpResponseMessage> _donePost = Outbound.RepeatablePost(settings.DoneTimeout, outcome =>
        log.Warn("job-done post failed; retrying", fields: new Dictionary<string, object?>
        {
            ["status"] = (int?)outcome.Result?.StatusCode,
            ["error"] = outcome.Exception?.Message,
        }));
    /// <summary>Jobs taken and not yet reported, each with the switch RunPod's stop channel pulls.</summary>
    private readonly Dictionary<string, CancellationTokenSource> _inProgress = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _jobsDone;
    private long _pagesDone;
    private volatile bool _retiring;

    /// <summary>True when the worker stopped because its <see cref="IJobGate"/> will never open (its model server is gone for good).</summary>
    public bool Unhealthy { get; private set; }

    public IReadOnlyCollection<string> InProgress
    {
        get
        {
            lock (_gate)
            {
                return _inProgress.Keys.ToArray();
            }
        }
    }

    /// <summary>Runs until <paramref name="stop"/> fires, then drains the jobs in hand.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        using var pingStop = new CancellationTokenSource();
        var ping = PingLoopAsync(pingStop.Token);
        var stopSignals = StopLoopAsync(pingStop.Token);
        var running = new List<Task>();
        var concurrency = Math.Max(1, options.MaxConcurrency);
        // After a result with stopPod RunPod recycles this worker: taking another job would strand it.
        while (!stop.IsCancellationRequested && !_retiring)
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
                // No job is taken while the model server is down (restarting); none at all once it is given up on.
                if (gate is not null && !await gate.WaitOpenAsync(stop))
                {
                    log.Error("not taking jobs: the model server is down for good; stopping as unhealthy");
                    Unhealthy = true;
                    break;
                }
                jobs = await TakeAsync(needed, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            foreach (var job in jobs)
            {
                var id = job.GetProperty("id").GetString()!;
                var cancel = new CancellationTokenSource();
                lock (_gate)
                {
                    _inProgress[id] = cancel; // tracked at once: drives job_in_progress and the heartbeat's job_id
                }
                running.Add(RunJobAsync(id, job.GetProperty("input"), cancel));
            }
        }
        log.Info(_retiring ? "stopping: the pod is to be recycled; finishing the jobs in hand" : "stopping: no new jobs; finishing those in hand",
            fields: new Dictionary<string, object?> { ["in_progress"] = running.Count(t => !t.IsCompleted) });
        await Task.WhenAll(running);
        await pingStop.CancelAsync();
        await Task.WhenAll(ping, stopSignals);
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
            using var response = await _takeBound.ExecuteAsync(async t => await _http.SendAsync(Take(url), t), stop);
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
            var jobs = new List<JsonElement>();
            foreach (var item in items)
            {
                if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && item.TryGetProperty("input", out _))
                {
                    jobs.Add(item.Clone());
                    continue;
                }
                // runpod-python raises "Job has missing field(s): id or input"; say so rather than lose the job unseen.
                var jobId = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("id", out var named) && named.ValueKind == JsonValueKind.String ? named.GetString() : null;
                log.Error("job take returned a job without an id or an input; skipped", jobId, new Dictionary<string, object?>
                {
                    ["kind"] = item.ValueKind.ToString().ToLowerInvariant(),
                    ["fields"] = item.ValueKind == JsonValueKind.Object ? item.EnumerateObject().Select(p => p.Name).ToArray() : null,
                });
            }
            return jobs;
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

    /// <summary>A job-take GET with the headers runpod-python's session sends on it.</summary>
    private static HttpRequestMessage Take(string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url) { Content = new ByteArrayContent([]) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return request;
    }

    private async Task RunJobAsync(string id, JsonElement input, CancellationTokenSource stopped)
    {
        await Task.Yield();
        JsonObject output;
        try
        {
            // A job is never cancelled by the worker's shutdown (it finishes and reports); only RunPod's stop channel cancels it.
            output = await handler.HandleAsync(id, input, p => stopped.IsCancellationRequested
                ? Task.CompletedTask
                : PostAsync(id, new JsonObject { ["status"] = "IN_PROGRESS", ["output"] = p }), stopped.Token);
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
            if (stopped.IsCancellationRequested)
            {
                // RunPod already ended this job (cancelled or timed out); a result now would be refused or misread.
                log.Info("job stopped by RunPod; no result posted", id);
            }
            else
            {
                await PostAsync(id, ToJobResult(output));
            }
        }
        finally
        {
            lock (_gate)
            {
                _inProgress.Remove(id);
            }
            stopped.Dispose();
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
            _retiring = true;
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
                // runpod-python leaves job_id out when no job is in progress (requests drops a None parameter).
                var jobs = InProgress;
                (string, string)[] query = jobs.Count > 0
                    ? [("job_id", string.Join(',', jobs)), ("runpod_version", SdkVersion)]
                    : [("runpod_version", SdkVersion)];
                var url = RunPodSettings.Expand(settings.PingUrl, settings.PodId, query);
                using var response = await _ping.ExecuteAsync(async t => await _http.GetAsync(url, t), stop);
                if (!response.IsSuccessStatusCode)
                {
                    log.Warn("heartbeat refused", fields: new Dictionary<string, object?> { ["status"] = (int)response.StatusCode });
                }
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

    /// <summary>
    /// Long-polls RunPod's job-stop channel while the worker runs: each id in <c>{"jobsToStop": [...]}</c> that
    /// is in hand is cancelled cooperatively (the same path as <c>/cancel</c> in <c>quarry serve</c>). At least
    /// 1 s between empty answers, 5 s after a 429, 1 s after an error, as runpod-python does.
    /// </summary>
    private async Task StopLoopAsync(CancellationToken stop)
    {
        if (settings.StopUrl is not { } template)
        {
            log.Warn("the job-take URL has no /job-take/ segment, so the job-stop channel cannot be derived; RunPod cannot stop single jobs on this worker");
            return;
        }
        var url = RunPodSettings.Expand(template, settings.PodId);
        while (!stop.IsCancellationRequested)
        {
            var pause = TimeSpan.FromSeconds(1);
            try
            {
                using var response = await _takeBound.ExecuteAsync(async t => await _http.GetAsync(url, t), stop);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    pause = TimeSpan.FromSeconds(5);
                }
                else if (response.StatusCode == HttpStatusCode.OK && await ReadStopIdsAsync(response, stop) is { Count: > 0 } ids)
                {
                    foreach (var id in ids)
                    {
                        StopJob(id);
                    }
                    pause = TimeSpan.Zero;
                }
                else if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.NoContent))
                {
                    log.Warn("job-stop poll failed", fields: new Dictionary<string, object?> { ["status"] = (int)response.StatusCode });
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (TimeoutRejectedException)
            {
                pause = TimeSpan.Zero; // long poll ran out: ask again
            }
            catch (Exception ex) when (ex is HttpRequestException or JsonException)
            {
                log.Warn("job-stop poll failed", fields: new Dictionary<string, object?> { ["error"] = ex.Message });
            }
            try
            {
                await Task.Delay(pause, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<List<string>> ReadStopIdsAsync(HttpResponseMessage response, CancellationToken stop)
    {
        var body = await response.Content.ReadAsStringAsync(stop);
        if (string.IsNullOrWhiteSpace(body))
        {
            return [];
        }
        using var doc = JsonDocument.Parse(body);
        if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("jobsToStop", out var ids) || ids.ValueKind != JsonValueKind.Array)
        {
            log.Warn("job-stop answer without a jobsToStop list; ignored", fields: new Dictionary<string, object?> { ["bytes"] = body.Length });
            return [];
        }
        return [.. ids.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.String).Select(i => i.GetString()!)];
    }

    private void StopJob(string id)
    {
        CancellationTokenSource? job;
        lock (_gate)
        {
            job = _inProgress.GetValueOrDefault(id);
            if (job is null)
            {
                return; // not ours, or already reported
            }
            job.Cancel();
        }
        log.Info("stopping job at RunPod's request", id);
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
        HttpClient http;
        if (transport is null)
        {
            var handler = Outbound.Handler(options.UpstreamTimeout);
            handler.AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate; // sends "Accept-Encoding: gzip, deflate", as runpod-python
            http = new HttpClient(handler);
        }
        else
        {
            http = new HttpClient(transport, disposeHandler: false);
        }
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
