using System.Net;
using Quarry.Parsing.Errors;
using Quarry.Worker.Configuration;

namespace Quarry.Worker.Jobs;

/// <summary>
/// The engine and model server a job's <c>backend</c> asks for. <c>pipeline</c> runs the CPU engines by
/// <c>parse_method</c>; <c>vlm-*</c> and <c>hybrid-*</c> need a model server: the job's <c>server_url</c> for
/// the <c>*-http-client</c> backends, else the endpoint's <c>QUARRY_VLM_SERVER_URL</c> (MinerU's
/// <c>*-engine</c> backends always use the endpoint's).
/// </summary>
public sealed record ModelRoute(string Engine, string? ServerUrl, string Effort)
{
    public bool NeedsModel => ServerUrl is not null;

    public static ModelRoute Resolve(JobRequest request, WorkerOptions options)
    {
        if (request.Backend == "pipeline")
        {
            return new ModelRoute(request.ParseMethod, null, "medium");
        }
        var engine = request.Backend.StartsWith("hybrid", StringComparison.Ordinal) ? "hybrid" : "vlm";
        var fromJob = request.Backend.EndsWith("-http-client", StringComparison.Ordinal) ? request.ServerUrl : null;
        if (fromJob is not null)
        {
            CheckServerUrl(fromJob, options);
        }
        var server = fromJob ?? options.VlmServerUrl ?? throw new JobException(ErrorCode.InvalidInput,
            request.Backend.EndsWith("-http-client", StringComparison.Ordinal)
                ? $"backend '{request.Backend}' needs a model server: give server_url, or set QUARRY_VLM_SERVER_URL on the endpoint"
                : $"backend '{request.Backend}' needs a model server and this endpoint has none configured (QUARRY_VLM_SERVER_URL); use backend \"pipeline\" or a *-http-client backend with server_url",
            request.Backend.EndsWith("-http-client", StringComparison.Ordinal) ? "server_url" : "backend");
        return new ModelRoute(engine, server, request.Effort ?? "medium");
    }

    /// <summary>
    /// A job-given server is where the worker posts page images and whose answers it returns, so the
    /// operator decides which hosts are allowed: a non-empty allow-list (or the enforcement switch) admits
    /// only its hosts. Link-local addresses (cloud metadata) are refused whatever the list says.
    /// </summary>
    private static void CheckServerUrl(string url, WorkerOptions options)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
        {
            throw new JobException(ErrorCode.InvalidInput, "server_url must be an absolute http(s) URL", "server_url");
        }
        if (IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var ip) && IsLinkLocal(ip))
        {
            throw new JobException(ErrorCode.InvalidInput, "server_url may not point at a link-local address", "server_url");
        }
        var enforce = options.EnforceServerHosts || options.AllowedServerHosts.Count > 0;
        if (enforce && !options.AllowedServerHosts.Any(h => Matches(h, uri)))
        {
            throw new JobException(ErrorCode.InvalidInput,
                $"server_url host '{uri.Host}' is not on this endpoint's allow-list (QUARRY_ALLOWED_SERVER_HOSTS)", "server_url");
        }
    }

    /// <summary>An allow-list entry is a host name or address, optionally with <c>:port</c>.</summary>
    private static bool Matches(string entry, Uri uri)
    {
        var host = uri.Host.Trim('[', ']');
        return string.Equals(entry, host, StringComparison.OrdinalIgnoreCase)
            || string.Equals(entry, $"{host}:{uri.Port}", StringComparison.OrdinalIgnoreCase)
            || string.Equals(entry, $"{uri.Host}:{uri.Port}", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsLinkLocal(IPAddress ip)
    {
        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }
        var b = ip.GetAddressBytes();
        return ip.IsIPv6LinkLocal
            || (b.Length == 4 && b[0] == 169 && b[1] == 254)
            || ip.Equals(IPAddress.Parse("fd00:ec2::254"));
    }
}
