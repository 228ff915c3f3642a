namespace Quarry.Worker.Jobs;

/// <summary>URLs in logs and errors keep only scheme, host, port and path: no credentials, no query (presigned tokens live there).</summary>
public static class UrlRedactor
{
    public static string Redact(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u) ? $"{u.Scheme}://{u.Host}{(u.IsDefaultPort ? "" : ":" + u.Port)}{u.AbsolutePath}" : "<invalid url>";
}
