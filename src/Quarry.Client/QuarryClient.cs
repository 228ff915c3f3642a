using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using Quarry.Client.Transport;

namespace Quarry.Client;

/// <summary>
/// Parses documents on a RunPod endpoint or a <c>quarry serve</c> host. Small inputs go through
/// <c>/runsync</c>, larger ones through <c>/run</c> and <c>/status</c> polling with backoff; whatever transport
/// the worker used (inline, tarball, presigned URL), the caller gets a <see cref="ParseResult"/>.
/// Retries (Polly) are limited to what cannot duplicate a job: GETs (broken connection, timeout, 5xx), and
/// POSTs the server refused with 429, after its <c>Retry-After</c>. Each attempt is bounded by
/// <see cref="QuarryClientOptions.RequestTimeout"/>, the whole parse by <see cref="QuarryClientOptions.Timeout"/>.
/// </summary>
public sealed class QuarryClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly QuarryClientOptions _options;
    private readonly ResiliencePipeline<HttpResponseMessage> _idempotent;
    private readonly ResiliencePipeline<HttpResponseMessage> _submit;

    public QuarryClient(QuarryClientOptions options, HttpClient? http = null)
    {
        _options = options;
        _ownsHttp = http is null;
        _http = http ?? new HttpClient(new SocketsHttpHandler { ConnectTimeout = options.ConnectTimeout });
        _http.Timeout = System.Threading.Timeout.InfiniteTimeSpan;
        _idempotent = Pipeline(idempotent: true);
        _submit = Pipeline(idempotent: false);
    }

    public QuarryClientOptions Options => _options;

    public async Task<ParseResult> ParseAsync(ParseRequest request, CancellationToken cancellationToken = default)
    {
        using var overall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        overall.CancelAfter(_options.Timeout);
        var ct = overall.Token;
        string? b64 = null;
        long inputBytes = 0;
        if (await request.ReadBytesAsync(ct) is { } bytes)
        {
            inputBytes = bytes.Length;
            b64 = Convert.ToBase64String(bytes);
        }
        var body = new JsonObject { ["input"] = request.ToInput(b64) }.ToJsonString();
        var requestBytes = Encoding.UTF8.GetByteCount(body);
        var sync = request.Url is null && (inputBytes <= _options.RunSyncMaxBytes || requestBytes > _options.RunRequestCapBytes);
        var cap = sync ? _options.RunSyncRequestCapBytes : _options.RunRequestCapBytes;
        if (requestBytes > cap)
        {
            throw new QuarryRequestException(
                $"the request would be {requestBytes / 1_000_000.0:F1} MB (the file as base64), over the endpoint's {cap / 1_000_000.0:F0} MB request cap; pass a URL the worker can fetch (ParseRequest.FromUrl / file_url), or put the file in a bucket and send its presigned URL");
        }
        var path = sync ? $"runsync?wait={(int)_options.RunSyncWait.TotalMilliseconds}" : "run";
        var answer = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") }, idempotent: false, ct);
        var id = answer["id"]?.GetValue<string>() ?? throw new QuarryRequestException("the endpoint answered without a job id: " + answer.ToJsonString());
        var status = answer["status"]?.GetValue<string>();
        var delay = _options.PollInitial;
        while (status is "IN_QUEUE" or "IN_PROGRESS")
        {
            await Task.Delay(delay, ct);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 1.6, _options.PollMax.TotalMilliseconds));
            answer = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"status/{id}"), idempotent: true, ct);
            status = answer["status"]?.GetValue<string>();
        }
        return await ToResultAsync(id, status, answer, ct);
    }

    private async Task<ParseResult> ToResultAsync(string id, string? status, JsonObject answer, CancellationToken ct)
    {
        var output = answer["output"] as JsonObject;
        var failed = status == "FAILED" || answer["error"] is not null || output?["ok"]?.GetValue<bool>() == false;
        if (status is "COMPLETED" or "FAILED" && failed)
        {
            var message = output?["error"]?.ToString() ?? answer["error"]?.ToString() ?? "the job failed";
            var code = output?["error_code"]?.GetValue<string>() ?? "INTERNAL";
            throw new QuarryJobException(code, message, output?["field"]?.GetValue<string>(), id);
        }
        if (status is "CANCELLED" or "TIMED_OUT")
        {
            throw new QuarryJobException(status == "CANCELLED" ? "CANCELLED" : "TIMEOUT", $"job {id} ended {status}", null, id);
        }
        if (status != "COMPLETED")
        {
            throw new QuarryRequestException($"job {id} ended with unknown status '{status}'");
        }
        if (output is null)
        {
            throw new QuarryEmptyOutputException(id);
        }
        var result = output!["results"]?[0] as JsonObject ?? throw new QuarryEmptyOutputException(id);
        var basename = result["basename"]?.GetValue<string>() ?? "doc";
        // The parsed range is page_range; servers before it sent the same object as pages_requested (now an int).
        var range = result["page_range"] as JsonObject ?? result["pages_requested"] as JsonObject;
        var transport = result["transport"]?.GetValue<string>() ?? "";
        Dictionary<string, byte[]>? files = null;
        if (result["tarball_b64"] is { } b64)
        {
            files = SafeArchive.Read(Convert.FromBase64String(b64.GetValue<string>()), _options.MaxArchiveBytes, _options.MaxArchiveEntries);
        }
        else if (result["tarball_url"] is { } url)
        {
            // A presigned URL carries its own credentials: no Authorization header.
            using var response = await _http.GetAsync(url.GetValue<string>(), HttpCompletionOption.ResponseHeadersRead, ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new QuarryRequestException($"downloading the result of job {id} failed: HTTP {(int)response.StatusCode}", (int)response.StatusCode);
            }
            files = SafeArchive.Read(await response.Content.ReadAsByteArrayAsync(ct), _options.MaxArchiveBytes, _options.MaxArchiveEntries);
        }
        var start = range?["start_page"]?.GetValue<int>() ?? 0;
        var pages = range?["pages"]?.GetValue<int>() ?? 0;
        var sourcePages = range?["source_pages"]?.GetValue<int>() ?? pages;
        if (files is not null)
        {
            string Text(string name) => files.TryGetValue($"{basename}/{name}", out var d) ? Encoding.UTF8.GetString(d) : throw new QuarryRequestException($"the result archive lacks {name}");
            return new ParseResult
            {
                Basename = basename,
                Markdown = Text(basename + ".md"),
                ContentList = JsonNode.Parse(Text(basename + "_content_list.json"))!.AsArray(),
                ContentListV2 = JsonNode.Parse(Text(basename + "_content_list_v2.json"))!.AsArray(),
                Middle = JsonNode.Parse(Text(basename + "_middle.json"))!.AsObject(),
                Images = files.Where(f => f.Key.StartsWith($"{basename}/images/", StringComparison.Ordinal))
                    .ToDictionary(f => f.Key[$"{basename}/images/".Length..], f => f.Value),
                StartPage = start, Pages = pages, SourcePages = sourcePages, Transport = transport, JobId = id,
            };
        }
        return new ParseResult
        {
            Basename = basename,
            Markdown = result["markdown"]?.GetValue<string>() ?? "",
            ContentList = result["content_list"]?.DeepClone().AsArray() ?? [],
            Middle = result["middle"]?.DeepClone().AsObject(),
            Images = (result["images"] as JsonObject ?? []).ToDictionary(kv => kv.Key, kv => Convert.FromBase64String(kv.Value!.GetValue<string>())),
            StartPage = start, Pages = pages, SourcePages = sourcePages, Transport = transport, JobId = id,
        };
    }

    private async Task<JsonObject> SendAsync(Func<HttpRequestMessage> make, bool idempotent, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await (idempotent ? _idempotent : _submit).ExecuteAsync(async t =>
            {
                using var request = make();
                request.RequestUri = new Uri(_options.BaseUrl, request.RequestUri!);
                if (_options.ApiKey is { Length: > 0 } key)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
                }
                var answer = await _http.SendAsync(request, t);
                await answer.Content.LoadIntoBufferAsync(t); // the body is part of the attempt, and of its timeout
                return answer;
            }, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException)
        {
            var why = ex is TimeoutRejectedException
                ? $"the endpoint did not answer within {_options.RequestTimeout.TotalSeconds:F0} s"
                : "the endpoint is unreachable: " + ex.Message;
            throw new QuarryRequestException(idempotent
                ? why
                : why + "; the job was not sent again because the endpoint may have accepted it — check before resubmitting", null, ex);
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new QuarryRequestException($"the endpoint answered HTTP {(int)response.StatusCode}: {Trim(text)}", (int)response.StatusCode);
            }
            try
            {
                return JsonNode.Parse(text)?.AsObject() ?? throw new QuarryRequestException("the endpoint answered an empty body");
            }
            catch (System.Text.Json.JsonException ex)
            {
                throw new QuarryRequestException("the endpoint answered something that is not JSON: " + Trim(text), (int)response.StatusCode, ex);
            }
        }
    }

    /// <summary>
    /// Retry (outer) around a per-attempt timeout (inner). 429 means the job was not accepted, so even a POST
    /// is safe to repeat; a broken connection, a timeout or a 5xx are repeated for GETs only.
    /// </summary>
    private ResiliencePipeline<HttpResponseMessage> Pipeline(bool idempotent)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        if (_options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = _options.MaxRetries,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Result.StatusCode: HttpStatusCode.TooManyRequests } => true,
                    { Result.StatusCode: >= HttpStatusCode.InternalServerError } => idempotent,
                    { Exception: HttpRequestException or TimeoutRejectedException } => idempotent,
                    _ => false,
                }),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    (args.Outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } r ? RetryAfter(r) : null) ?? Backoff(args.AttemptNumber)),
            });
        }
        return builder.AddTimeout(_options.RequestTimeout).Build();
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage r) =>
        r.Headers.RetryAfter?.Delta ?? (r.Headers.RetryAfter?.Date is { } d ? TimeSpan.FromTicks(Math.Max(0, (d - DateTimeOffset.UtcNow).Ticks)) : null);

    private static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(Math.Min(500 * Math.Pow(2, attempt), 8000));

    private static string Trim(string s) => s.Length > 300 ? s[..300] + "…" : s;

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }
}
