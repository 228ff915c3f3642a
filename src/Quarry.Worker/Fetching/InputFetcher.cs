using System.Net;
using Quarry.Parsing.Errors;
using Quarry.Worker.Configuration;
using Quarry.Worker.Jobs;
using Quarry.Worker.Resilience;
using Polly;
using Polly.Timeout;

namespace Quarry.Worker.Fetching;

/// <summary>
/// Brings a job's input into memory: URL (size cap, bounded redirects, SSRF guard, an overall timeout and a
/// stall timeout on every step), base64, or volume path (<see cref="VolumeReader"/>).
/// </summary>
public sealed class InputFetcher : IDisposable
{
    private readonly WorkerOptions _options;
    private readonly HttpClient _http;
    private readonly VolumeReader _volume;

    /// <summary>The whole download, redirects included.</summary>
    private readonly ResiliencePipeline _overall;

    /// <summary>Each wait on the host: for the response headers, then for each piece of the body.</summary>
    private readonly ResiliencePipeline _stall;

    public InputFetcher(WorkerOptions options)
    {
        _options = options;
        _volume = new VolumeReader(options.VolumeRoots, options.MaxFetchBytes);
        _overall = Outbound.Timeout(options.FetchTimeout);
        _stall = Outbound.Timeout(options.UpstreamTimeout);
        var handler = GuardedConnect.Handler(options.UpstreamTimeout, options.AllowLocalFetch); // each redirect hop is checked here
        handler.AutomaticDecompression = DecompressionMethods.All;
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("quarry/" + Quarry.Core.Model.QuarryVersion.Current);
    }

    public async Task<byte[]> FetchAsync(JobRequest request, CancellationToken ct) => request.Kind switch
    {
        InputKind.Base64 => DecodeBase64(request.Source),
        InputKind.Volume => await _volume.ReadAsync(request.Source, ct),
        _ => await DownloadAsync(request.Source, ct),
    };

    private byte[] DecodeBase64(string text)
    {
        var comma = text.StartsWith("data:", StringComparison.Ordinal) ? text.IndexOf(',', StringComparison.Ordinal) : -1;
        var payload = comma >= 0 ? text[(comma + 1)..] : text;
        if ((long)payload.Length / 4 * 3 > _options.MaxBase64Bytes + 3)
        {
            throw new JobException(ErrorCode.InputTooLarge, $"file_b64 decodes to more than {_options.MaxBase64Bytes / (1024 * 1024)} MB; send a file_url instead", "file_b64");
        }
        var buffer = new byte[payload.Length / 4 * 3 + 3];
        if (!Convert.TryFromBase64String(payload.Trim(), buffer, out var written))
        {
            throw JobException.Invalid("file_b64", "file_b64 is not valid base64");
        }
        return buffer[..written];
    }

    private async Task<byte[]> DownloadAsync(string url, CancellationToken ct)
    {
        try
        {
            return await _overall.ExecuteAsync(async token => await FollowAsync(url, token), ct);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new JobException(ErrorCode.FetchFailed, $"fetching {UrlRedactor.Redact(url)} took longer than {_options.FetchTimeout.TotalSeconds:F0} s", "file_url", ex);
        }
    }

    private async Task<byte[]> FollowAsync(string url, CancellationToken ct)
    {
        var uri = new Uri(url);
        for (var hop = 0; ; hop++)
        {
            using var response = await Step(url, (uri, http: _http), static (s, t) => new ValueTask<HttpResponseMessage>(
                s.http.GetAsync(s.uri, HttpCompletionOption.ResponseHeadersRead, t)), ct);
            if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                if (hop >= _options.MaxRedirects)
                {
                    throw Failed(url, $"more than {_options.MaxRedirects} redirects");
                }
                uri = location.IsAbsoluteUri ? location : new Uri(uri, location);
                if (uri.Scheme is not ("http" or "https"))
                {
                    throw Failed(url, "redirected to a non-http(s) URL");
                }
                continue;
            }
            if (!response.IsSuccessStatusCode)
            {
                throw Failed(url, $"the server answered HTTP {(int)response.StatusCode}");
            }
            if (response.Content.Headers.ContentLength > _options.MaxFetchBytes)
            {
                throw TooLarge();
            }
            return await ReadCappedAsync(url, response, ct);
        }
    }

    private async Task<byte[]> ReadCappedAsync(string url, HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await Step(url, response.Content, static (c, t) => new ValueTask<Stream>(c.ReadAsStreamAsync(t)), ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await Step(url, (stream, chunk), static (s, t) => s.stream.ReadAsync(s.chunk, t), ct)) > 0)
        {
            if (buffer.Length + n > _options.MaxFetchBytes)
            {
                throw TooLarge();
            }
            buffer.Write(chunk, 0, n);
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// One wait on the host, bounded by the stall timeout; transport failures become FETCH_FAILED with a
    /// message a caller can act on (the library's own text stays in the inner exception, for the debug log).
    /// </summary>
    private async ValueTask<T> Step<T, TState>(string url, TState state, Func<TState, CancellationToken, ValueTask<T>> step, CancellationToken ct)
    {
        try
        {
            return await _stall.ExecuteAsync(static (s, t) => s.step(s.state, t), (step, state), ct);
        }
        catch (TimeoutRejectedException ex)
        {
            throw Failed(url, $"the server sent nothing for {_options.UpstreamTimeout.TotalSeconds:F0} s", ex);
        }
        catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
        {
            // SocketsHttpHandler reports its connect timeout as a cancellation nobody asked for.
            throw Failed(url, $"could not connect within {Outbound.ConnectTimeout(_options.UpstreamTimeout).TotalSeconds:F0} s", ex);
        }
        catch (HttpRequestException ex) when (ex.InnerException is BlockedAddressException blocked)
        {
            throw new JobException(ErrorCode.FetchFailed, $"{UrlRedactor.Redact(url)}: {blocked.Message}", "file_url", ex);
        }
        catch (HttpRequestException ex)
        {
            throw Failed(url, Describe(ex.HttpRequestError), ex);
        }
        catch (HttpIOException ex)
        {
            throw Failed(url, Describe(ex.HttpRequestError), ex);
        }
        catch (IOException ex)
        {
            throw Failed(url, "the connection broke during the download", ex);
        }
    }

    private static string Describe(HttpRequestError error) => error switch
    {
        HttpRequestError.NameResolutionError => "the host name could not be resolved",
        HttpRequestError.ConnectionError => "could not connect to the host",
        HttpRequestError.SecureConnectionError => "the TLS handshake with the host failed",
        HttpRequestError.ResponseEnded => "the server closed the connection before the whole file arrived",
        HttpRequestError.InvalidResponse or HttpRequestError.HttpProtocolError => "the server's answer is not a valid HTTP response",
        HttpRequestError.ProxyTunnelError => "the proxy refused the connection",
        HttpRequestError.ConfigurationLimitExceeded => "the server's response headers are too large",
        HttpRequestError.VersionNegotiationError => "the server does not speak a supported HTTP version",
        _ => "the connection failed",
    };

    private JobException TooLarge() =>
        new(ErrorCode.InputTooLarge, $"the file at file_url is larger than {_options.MaxFetchBytes / (1024 * 1024)} MB", "file_url");

    private static JobException Failed(string url, string why, Exception? inner = null) =>
        new(ErrorCode.FetchFailed, $"could not fetch {UrlRedactor.Redact(url)}: {why}", "file_url", inner);

    public void Dispose() => _http.Dispose();
}
