namespace Quarry.Worker.Delivery;

/// <summary>Where large results go: an S3-compatible bucket, reached by a presigned GET URL.</summary>
public interface IObjectStore
{
    /// <summary>Uploads <paramref name="content"/> (seekable, read from its start) under <paramref name="key"/>.</summary>
    Task PutAsync(string key, Stream content, string contentType, CancellationToken ct);

    /// <summary>A GET URL for the object valid for <paramref name="ttl"/>.</summary>
    Task<string> PresignGetAsync(string key, TimeSpan ttl, CancellationToken ct);

    string Prefix { get; }
    TimeSpan PresignTtl { get; }
}
