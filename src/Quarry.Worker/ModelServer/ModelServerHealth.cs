using System.Net.Http.Headers;
using System.Text.Json;

namespace Quarry.Worker.ModelServer;

/// <summary>
/// Whether a vLLM server is ready for requests: <c>GET /health</c> answers 200 and <c>GET /v1/models</c>
/// lists a model (vLLM answers /health before its routes are usable only in some versions; a listed model
/// is what the client needs).
/// </summary>
public sealed class ModelServerHealth(string baseUrl, string? apiKey, HttpMessageHandler? transport = null) : IDisposable
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);
    private readonly HttpClient _http = transport is null ? new HttpClient() : new HttpClient(transport, disposeHandler: false);

    public async Task<bool> IsLiveAsync(CancellationToken ct)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bound.CancelAfter(ProbeTimeout);
        try
        {
            using var response = await _http.GetAsync(baseUrl + "/health", bound.Token);
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return false;
        }
    }

    public async Task<bool> IsReadyAsync(CancellationToken ct)
    {
        if (!await IsLiveAsync(ct))
        {
            return false;
        }
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bound.CancelAfter(ProbeTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, baseUrl + "/v1/models");
            if (apiKey is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
            }
            using var response = await _http.SendAsync(request, bound.Token);
            if (!response.IsSuccessStatusCode)
            {
                return false;
            }
            using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(bound.Token), cancellationToken: bound.Token);
            return body.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array && data.GetArrayLength() > 0;
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return false;
        }
    }

    public void Dispose() => _http.Dispose();
}
