using Quarry.Client;

namespace Quarry.Cli.Commands;

/// <summary>Turns <c>--endpoint</c> into client options: a URL is a <c>quarry serve</c> host, anything else a RunPod endpoint id.</summary>
public static class EndpointArgs
{
    public static QuarryClientOptions Resolve(string? endpoint, string? apiKey)
    {
        endpoint ??= Environment.GetEnvironmentVariable("QUARRY_ENDPOINT")
            ?? throw new UsageException("--endpoint is required (a quarry serve URL or a RunPod endpoint id; or set QUARRY_ENDPOINT)");
        if (endpoint.StartsWith("http://", StringComparison.Ordinal) || endpoint.StartsWith("https://", StringComparison.Ordinal))
        {
            return QuarryClientOptions.ForServer(endpoint, apiKey ?? Environment.GetEnvironmentVariable("QUARRY_API_KEY"));
        }
        var key = apiKey ?? Environment.GetEnvironmentVariable("RUNPOD_API_KEY")
            ?? throw new UsageException("a RunPod endpoint needs an API key: --api-key or RUNPOD_API_KEY");
        return QuarryClientOptions.ForRunPod(endpoint, key);
    }

    public static ParseRequest Request(string input) =>
        Uri.TryCreate(input, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" ? ParseRequest.FromUrl(u) : ParseRequest.FromFile(input);
}
