using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Quarry.Core.Output;
using Quarry.Parsing.Errors;
using Quarry.Worker.Configuration;
using Quarry.Worker.Jobs;

namespace Quarry.Worker.Delivery;

/// <summary>
/// Turns a parse's bundle into the transport fields of a result: inline JSON, a base64 archive, or an
/// uploaded archive with a presigned URL. A result that would exceed the gateway cap is never returned:
/// <c>auto</c> moves it to the bucket when one is configured, anything else fails with RESULT_TOO_LARGE.
/// </summary>
public sealed class Deliverer(WorkerOptions options, IObjectStore? store)
{
    /// <summary>Room left in the cap for the envelope (ok, debug, version, …) around the transport fields.</summary>
    private const int EnvelopeBytes = 4096;

    public async Task<(JsonObject Fields, string TransportUsed, long BytesOut)> DeliverAsync(OutputBundle bundle, JobRequest request, CancellationToken ct)
    {
        var transport = request.Transport;
        if (transport == Transport.S3)
        {
            return await UploadAsync(bundle, request, ct);
        }
        var fields = transport == Transport.Inline ? Inline(bundle, request.Formats) : Tarball(bundle, request.ArchiveFormat);
        var size = Encoding.UTF8.GetByteCount(fields.ToJsonString()) + EnvelopeBytes;
        if (size <= options.ResultCapBytes)
        {
            return (fields, transport == Transport.Inline ? "inline" : "tarball_b64", size);
        }
        if (transport == Transport.Auto && store is not null)
        {
            return await UploadAsync(bundle, request, ct);
        }
        var hint = transport == Transport.Auto
            ? "configure a bucket (BUCKET_ENDPOINT_URL, BUCKET_NAME, BUCKET_ACCESS_KEY_ID, BUCKET_SECRET_ACCESS_KEY) so auto can deliver by URL, or parse fewer pages (start_page/end_page)"
            : "use transport \"s3\" (or \"auto\" with a bucket configured), or parse fewer pages (start_page/end_page)";
        throw new JobException(ErrorCode.ResultTooLarge,
            $"the result would be {size / 1_000_000.0:F1} MB, over the {options.ResultCapBytes / 1_000_000.0:F1} MB response cap; {hint}", "transport")
        { Phase = "deliver" };
    }

    private static JsonObject Inline(OutputBundle bundle, IReadOnlySet<string> formats)
    {
        var o = new JsonObject();
        var stem = bundle.Basename;
        foreach (var file in bundle.Files)
        {
            if (file.Path == $"{stem}.md" && formats.Contains("markdown"))
            {
                o["markdown"] = Encoding.UTF8.GetString(file.ToArray());
            }
            else if (file.Path == $"{stem}_content_list.json" && formats.Contains("content_list"))
            {
                o["content_list"] = JsonNode.Parse(file.ToArray());
            }
            else if (file.Path == $"{stem}_middle.json" && formats.Contains("middle"))
            {
                o["middle"] = JsonNode.Parse(file.ToArray());
            }
        }
        if (formats.Contains("images"))
        {
            var images = new JsonObject();
            foreach (var file in bundle.Files.Where(f => f.Path.StartsWith("images/", StringComparison.Ordinal)))
            {
                images[file.Path["images/".Length..]] = Convert.ToBase64String(file.ToArray());
            }
            o["images"] = images;
        }
        return o;
    }

    private static JsonObject Tarball(OutputBundle bundle, string format)
    {
        using var ms = new MemoryStream();
        ArchiveWriter.Write(bundle, format, ms);
        return new JsonObject { ["tarball_b64"] = Convert.ToBase64String(ms.GetBuffer(), 0, (int)ms.Length), ["archive_format"] = format };
    }

    private async Task<(JsonObject, string, long)> UploadAsync(OutputBundle bundle, JobRequest request, CancellationToken ct)
    {
        if (store is null)
        {
            throw new JobException(ErrorCode.InvalidInput,
                $"transport s3 needs a bucket; missing environment variables: {string.Join(", ", options.MissingBucketVariables)}", "transport")
            { Phase = "deliver" };
        }
        // The archive goes to a temp file first: uploads stream from disk, not from a second copy in memory.
        var temp = Path.GetTempFileName();
        try
        {
            await using var file = new FileStream(temp, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
            ArchiveWriter.Write(bundle, request.ArchiveFormat, file);
            file.Position = 0;
            var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, ct))[..16];
            file.Position = 0;
            var name = $"{bundle.Basename}-{hash}.{ArchiveWriter.Extension(request.ArchiveFormat)}";
            var key = store.Prefix.Length == 0 ? name : $"{store.Prefix}/{name}";
            string url;
            try
            {
                await store.PutAsync(key, file, request.ArchiveFormat == "zip" ? "application/zip" : "application/gzip", ct);
                url = await store.PresignGetAsync(key, store.PresignTtl, ct);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                throw new JobException(ErrorCode.UpstreamUnavailable, "uploading the result to the bucket failed: " + BucketFailure(ex), "transport", ex) { Phase = "deliver" };
            }
            return (new JsonObject
            {
                ["tarball_url"] = url,
                ["tarball_url_expires_in"] = (int)store.PresignTtl.TotalSeconds,
                ["bucket_key"] = key,
                ["bucket_bytes"] = file.Length,
                ["archive_format"] = request.ArchiveFormat,
            }, "s3", file.Length);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>What went wrong, in words a caller can act on; the SDK's own exception stays inside for the debug log.</summary>
    private static string BucketFailure(Exception ex) => ex switch
    {
        Polly.Timeout.TimeoutRejectedException t => $"the bucket did not answer within {t.Timeout.TotalSeconds:F0} s (QUARRY_UPSTREAM_TIMEOUT_SECONDS)",
        OperationCanceledException => "the bucket did not answer in time (QUARRY_UPSTREAM_TIMEOUT_SECONDS)",
        Amazon.Runtime.AmazonServiceException { InnerException: HttpRequestException or IOException } => "could not reach the bucket at BUCKET_ENDPOINT_URL",
        Amazon.Runtime.AmazonServiceException { StatusCode: var status, ErrorCode: { Length: > 0 } code } => $"the bucket answered HTTP {(int)status} {code}; check BUCKET_NAME and the credentials",
        HttpRequestException or IOException or System.Net.Sockets.SocketException => "could not reach the bucket at BUCKET_ENDPOINT_URL",
        _ => "the bucket refused the upload",
    };

    internal static JsonSerializerOptions Json { get; } = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
