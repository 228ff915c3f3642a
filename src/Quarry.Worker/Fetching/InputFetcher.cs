using System.Net;
using System.Net.Sockets;
using Quarry.Parsing.Errors;
using Quarry.Worker.Configuration;
using Quarry.Worker.Jobs;

namespace Quarry.Worker.Fetching;

/// <summary>Brings a job's input into memory: URL (size cap, timeout, bounded redirects, SSRF guard), base64 or volume path.</summary>
public sealed class InputFetcher : IDisposable
{
    private readonly WorkerOptions _options;
    private readonly HttpClient _http;

    public InputFetcher(WorkerOptions options)
    {
        _options = options;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false, // each hop is checked here
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = TimeSpan.FromSeconds(15),
            // The address is checked where the socket connects, so DNS rebinding cannot slip past the guard.
            ConnectCallback = ConnectAsync,
        };
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("quarry/" + Quarry.Core.Model.QuarryVersion.Current);
    }

    public async Task<byte[]> FetchAsync(JobRequest request, CancellationToken ct) => request.Kind switch
    {
        InputKind.Base64 => DecodeBase64(request.Source),
        InputKind.Volume => await ReadVolumeAsync(request.Source, ct),
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

    private async Task<byte[]> ReadVolumeAsync(string path, CancellationToken ct)
    {
        if (!Path.IsPathFullyQualified(path))
        {
            throw JobException.Invalid("volume_path", "volume_path must be absolute");
        }
        var full = Path.GetFullPath(path);
        var roots = _options.VolumeRoots.Select(r => Path.GetFullPath(r).TrimEnd('/') + "/").ToList();
        bool Inside(string p) => roots.Any(r => p.StartsWith(r, StringComparison.Ordinal));
        if (!Inside(full))
        {
            throw JobException.Invalid("volume_path", $"volume_path must lie under one of: {string.Join(", ", _options.VolumeRoots)}");
        }
        if (!File.Exists(full))
        {
            throw new JobException(ErrorCode.FetchFailed, $"no file at {full}", "volume_path");
        }
        // A symlink inside a root must not lead outside it.
        var resolved = new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full;
        if (!Inside(resolved))
        {
            throw JobException.Invalid("volume_path", "volume_path is a link that leads outside the allowed roots");
        }
        if (new FileInfo(resolved).Length > _options.MaxFetchBytes)
        {
            throw new JobException(ErrorCode.InputTooLarge, $"the file is larger than {_options.MaxFetchBytes / (1024 * 1024)} MB", "volume_path");
        }
        return await File.ReadAllBytesAsync(resolved, ct);
    }

    private async Task<byte[]> DownloadAsync(string url, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.FetchTimeout);
        var uri = new Uri(url);
        try
        {
            for (var hop = 0; ; hop++)
            {
                using var response = await _http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
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
                return await ReadCappedAsync(response, timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new JobException(ErrorCode.FetchFailed, $"fetching {UrlRedactor.Redact(url)} took longer than {_options.FetchTimeout.TotalSeconds:F0} s", "file_url");
        }
        catch (HttpRequestException ex) when (ex.InnerException is BlockedAddressException blocked)
        {
            throw new JobException(ErrorCode.FetchFailed, $"{UrlRedactor.Redact(url)}: {blocked.Message}", "file_url");
        }
        catch (HttpRequestException ex)
        {
            throw Failed(url, ex.Message);
        }
    }

    private async Task<byte[]> ReadCappedAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + n > _options.MaxFetchBytes)
            {
                throw TooLarge();
            }
            buffer.Write(chunk, 0, n);
        }
        return buffer.ToArray();
    }

    private JobException TooLarge() =>
        new(ErrorCode.InputTooLarge, $"the file at file_url is larger than {_options.MaxFetchBytes / (1024 * 1024)} MB", "file_url");

    private static JobException Failed(string url, string why) =>
        new(ErrorCode.FetchFailed, $"could not fetch {UrlRedactor.Redact(url)}: {why}", "file_url");

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var addresses = IPAddress.TryParse(context.DnsEndPoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, ct);
        var allowed = _options.AllowLocalFetch ? addresses : addresses.Where(AddressPolicy.IsPublic).ToArray();
        if (allowed.Length == 0)
        {
            throw new BlockedAddressException($"{context.DnsEndPoint.Host} resolves only to loopback, private, link-local or metadata addresses, which this worker does not fetch (set QUARRY_ALLOW_LOCAL_FETCH=1 to allow)");
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose() => _http.Dispose();

    private sealed class BlockedAddressException(string message) : IOException(message);
}
