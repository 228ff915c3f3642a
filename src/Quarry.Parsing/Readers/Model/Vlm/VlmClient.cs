using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Quarry.Parsing.Errors;

namespace Quarry.Parsing.Readers.Model.Vlm;

/// <summary>What one chat completion gave: the text (end token stripped) and why generation stopped.</summary>
internal sealed record VlmCompletion(string Text, string FinishReason)
{
    public bool Truncated => FinishReason == "length";
}

/// <summary>
/// A small typed OpenAI chat-completions client speaking exactly what mineru-vl-utils' HttpVlmClient sends.
/// Written on System.Net.Http + System.Text.Json because vLLM's sampling fields (top_k, repetition_penalty,
/// vllm_xargs, skip_special_tokens) must sit at the top level of the body, which the OpenAI .NET SDK only
/// allows through its untyped patch/"additional properties" escape hatch (see docs/vlm.md).
/// Every call goes through the server's in-flight limit and resilience pipeline (<see cref="VlmServer"/>).
/// </summary>
internal sealed class VlmClient
{
    private const string SystemPrompt = "You are a helpful assistant.";
    private const string EndToken = "<|im_end|>";

    // One connection pool for every model server in the process; Polly owns timeouts, so HttpClient has none.
    private static readonly HttpClient Http = new(new SocketsHttpHandler
    {
        ConnectTimeout = TimeSpan.FromSeconds(10),
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(5),
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    private readonly VlmOptions _options;
    private readonly VlmServer _server;
    private readonly SemaphoreSlim _modelGate = new(1, 1);
    private string? _model;

    public VlmClient(VlmOptions options)
    {
        _options = options;
        _server = VlmServer.For(options);
    }

    public string BaseUrl => _server.BaseUrl;

    /// <summary>Fails at once, without a request, while the server's breaker is open.</summary>
    public void ThrowIfBreakerOpen()
    {
        if (_server.IsOpen)
        {
            throw BreakerOpen(null);
        }
    }

    /// <summary>The model id: the configured one once <c>/v1/models</c> lists it, else the only one listed.</summary>
    public async Task<string> ModelAsync(CancellationToken ct)
    {
        if (_model is not null)
        {
            return _model;
        }
        await _modelGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_model is null && _server.IsOpen)
            {
                throw BreakerOpen(null);
            }
            return _model ??= Pick(await RunAsync("models", _server.ProbePipeline, async token =>
            {
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, BaseUrl + "/v1/models");
                    var (status, body, _) = await SendAsync(request, token).ConfigureAwait(false);
                    if (status != HttpStatusCode.OK)
                    {
                        throw Unavailable($"GET /v1/models answered {(int)status}: {VlmTransientException.Truncate(body)}");
                    }
                    return Parse(body, ChatJson.Default.ModelList);
                }
                catch (Exception e) when (VlmServer.IsTransient(e) || (e is OperationCanceledException && !ct.IsCancellationRequested))
                {
                    // A dead server fails here first; the breaker must hear of it (an attempt timeout included).
                    await _server.RecordFailureAsync(e is OperationCanceledException ? new TimeoutRejectedException("GET /v1/models timed out", e) : e).ConfigureAwait(false);
                    throw;
                }
            }, ct).ConfigureAwait(false));
        }
        finally
        {
            _modelGate.Release();
        }
    }

    private string Pick(ModelList list)
    {
        var ids = (list.Data ?? []).Select(m => m.Id ?? "").ToList();
        if (_options.Model is { } configured)
        {
            return ids.Contains(configured, StringComparer.Ordinal)
                ? configured
                : throw Unavailable($"model '{configured}' is not served (it serves: {string.Join(", ", ids)}); set {VlmOptions.ModelVariable} to one of them");
        }
        return ids.Count == 1 && ids[0].Length > 0
            ? ids[0]
            : throw Unavailable($"expected exactly one model from /v1/models, got {ids.Count}; set {VlmOptions.ModelVariable}");
    }

    /// <summary>One image + prompt chat completion, as mineru-vl-utils' aio_predict.</summary>
    public async Task<VlmCompletion> CompleteAsync(string kind, byte[] png, string prompt, VlmSampling sampling, CancellationToken ct)
    {
        var model = await ModelAsync(ct).ConfigureAwait(false);
        var body = JsonSerializer.SerializeToUtf8Bytes(BuildRequest(model, png, prompt, sampling, _options.MaxTokens), ChatJson.Default.ChatRequest);
        return await RunAsync(kind, _server.Pipeline, async token =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, BaseUrl + "/v1/chat/completions")
            {
                Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
            };
            var (status, text, _) = await SendAsync(request, token).ConfigureAwait(false);
            if (status != HttpStatusCode.OK)
            {
                throw Unavailable($"answered {(int)status}: {VlmTransientException.Truncate(text)}");
            }
            return Read(Parse(text, ChatJson.Default.ChatResponse));
        }, ct).ConfigureAwait(false);
    }

    internal static ChatRequest BuildRequest(string model, byte[] png, string prompt, VlmSampling sampling, int? configuredMaxTokens)
    {
        // Model ids starting "gpt" are OpenAI's own: they reject vLLM-only fields.
        var openAi = model.StartsWith("gpt", StringComparison.OrdinalIgnoreCase);
        var maxTokens = sampling.MaxTokens ?? configuredMaxTokens;
        return new ChatRequest
        {
            Model = model,
            Messages =
            [
                new SystemMessage("system", SystemPrompt),
                new UserMessage("user",
                [
                    new ImagePart("image_url", new ImageUrl("data:image/png;base64," + Convert.ToBase64String(png))),
                    new TextPart("text", prompt),
                ]),
            ],
            Temperature = VlmSampling.Temperature,
            TopP = VlmSampling.TopP,
            TopK = openAi ? null : VlmSampling.TopK,
            PresencePenalty = sampling.PresencePenalty,
            FrequencyPenalty = sampling.FrequencyPenalty,
            RepetitionPenalty = openAi ? null : sampling.RepetitionPenalty,
            VllmXargs = new VllmExtraArgs(VlmSampling.NoRepeatNgramSize, Debug: false),
            MaxCompletionTokens = maxTokens,
            MaxTokens = maxTokens,
            SkipSpecialTokens = openAi ? null : false,
        };
    }

    /// <summary>mineru-vl-utils' get_response_content, with MinerU's allow_truncated_content (length is kept).</summary>
    private VlmCompletion Read(ChatResponse response)
    {
        if (response.Object == "error")
        {
            throw Unavailable("returned an error object");
        }
        if (response.Choices is not { Count: > 0 } choices)
        {
            throw Unavailable("returned no choices");
        }
        var finish = choices[0].FinishReason ?? throw Unavailable("returned no finish_reason");
        if (finish is not ("stop" or "length"))
        {
            throw Unavailable($"stopped with finish_reason '{finish}'");
        }
        var content = choices[0].Message?.Content ?? throw Unavailable("returned no message");
        var text = content.ValueKind switch
        {
            JsonValueKind.String => content.GetString()!,
            JsonValueKind.Null => "",
            JsonValueKind.Undefined => throw Unavailable("returned a message without content"),
            _ => throw Unavailable($"returned content of type {content.ValueKind}"),
        };
        if (text.EndsWith(EndToken, StringComparison.Ordinal))
        {
            text = text[..^EndToken.Length];
        }
        return new VlmCompletion(text, finish);
    }

    private async Task<(HttpStatusCode Status, string Body, TimeSpan? RetryAfter)> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (_options.ApiKey is { } key)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        using var response = await Http.SendAsync(request, ct).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        var retryAfter = response.Headers.RetryAfter is { } ra
            ? ra.Delta ?? (ra.Date is { } d ? d - DateTimeOffset.UtcNow : null)
            : null;
        if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout)
        {
            throw new VlmTransientException(response.StatusCode, retryAfter is { } t && t > TimeSpan.Zero ? t : null, body);
        }
        return (response.StatusCode, body, retryAfter);
    }

    /// <summary>Runs one logical request under the in-flight limit and the pipeline; maps failures to UPSTREAM_UNAVAILABLE.</summary>
    private async Task<T> RunAsync<T>(string kind, Polly.ResiliencePipeline pipeline, Func<CancellationToken, ValueTask<T>> attempt, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = "ok";
        try
        {
            await _server.InFlight.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                return await pipeline.ExecuteAsync(attempt, ct).ConfigureAwait(false);
            }
            finally
            {
                _server.InFlight.Release();
            }
        }
        catch (BrokenCircuitException e)
        {
            outcome = "breaker_open";
            throw BreakerOpen(e);
        }
        catch (TimeoutRejectedException e)
        {
            outcome = "timeout";
            throw Unavailable($"did not answer within {_server.Settings.RequestTimeout.TotalSeconds:0} s ({Attempts})", e);
        }
        catch (HttpRequestException e)
        {
            outcome = "unavailable";
            throw Unavailable($"cannot be reached: {e.Message} ({Attempts})", e);
        }
        catch (VlmTransientException e)
        {
            outcome = "unavailable";
            throw Unavailable($"{e.Message} ({Attempts})", e);
        }
        catch (ParseException)
        {
            outcome = "error";
            throw;
        }
        catch (OperationCanceledException)
        {
            outcome = "cancelled";
            throw;
        }
        finally
        {
            var tags = new[] { VlmMetrics.Tag("server", BaseUrl), VlmMetrics.Tag("kind", kind), VlmMetrics.Tag("outcome", outcome) };
            VlmMetrics.Requests.Add(1, tags);
            VlmMetrics.Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
        }
    }

    private ParseException BreakerOpen(BrokenCircuitException? e)
    {
        var wait = e?.RetryAfter is { } after ? $"; next probe in {Math.Ceiling(after.TotalSeconds)} s" : "";
        return Unavailable($"is failing: circuit breaker open (CircuitBreakerOpen) after {Math.Max(2, _server.Settings.BreakerFailures)} consecutive failures{wait}", e);
    }

    private string Attempts => _server.Settings.MaxRetries == 0 ? "no retries" : $"after {_server.Settings.MaxRetries} retries";

    private T Parse<T>(string body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        try
        {
            return JsonSerializer.Deserialize(body, type) ?? throw Unavailable("returned null");
        }
        catch (JsonException e)
        {
            throw Unavailable($"returned a body that is not the expected JSON: {VlmTransientException.Truncate(body)}", e);
        }
    }

    private ParseException Unavailable(string what, Exception? inner = null) =>
        new(ErrorCode.UpstreamUnavailable, $"model server {BaseUrl} {what}", inner);
}
