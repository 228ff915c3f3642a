using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Polly;
using Quarry.Worker.Configuration;
using Quarry.Worker.Resilience;

namespace Quarry.Worker.Delivery;

/// <summary>
/// The <see cref="IObjectStore"/> over any S3-compatible service (AWS, R2, MinIO, …) via the AWS SDK. Every call
/// is bounded (the SDK's own retries included): the upstream timeout, plus one second per MiB for an upload,
/// so a bucket that accepts connections and never answers fails the call instead of holding the job.
/// </summary>
public sealed class S3ObjectStore : IObjectStore, IDisposable
{
    private readonly AmazonS3Client _client;
    private readonly BucketOptions _bucket;
    private readonly TimeSpan _timeout;
    private readonly ResiliencePipeline _presignBound;

    public S3ObjectStore(BucketOptions bucket, TimeSpan? timeout = null)
    {
        _bucket = bucket;
        _timeout = timeout ?? new WorkerOptions().UpstreamTimeout;
        _presignBound = Outbound.Timeout(_timeout);
        var endpoint = new Uri(bucket.EndpointUrl);
        var config = new AmazonS3Config
        {
            ServiceURL = bucket.EndpointUrl,
            ForcePathStyle = true, // R2, MinIO and most compatibles want path-style addressing
            AuthenticationRegion = bucket.Region == "auto" ? "us-east-1" : bucket.Region,
            UseHttp = endpoint.Scheme == "http",
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            ConnectTimeout = Outbound.ConnectTimeout(_timeout),
            // The overall bound is the Polly timeout around each call, which grows with the upload's size.
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
        _client = new AmazonS3Client(new BasicAWSCredentials(bucket.AccessKeyId, bucket.SecretAccessKey), config);
    }

    public string Prefix => _bucket.Prefix;
    public TimeSpan PresignTtl => TimeSpan.FromSeconds(_bucket.PresignTtlSeconds);

    /// <summary>How long an upload of <paramref name="bytes"/> may take: the upstream timeout plus 1 s per MiB (a 1 MiB/s floor).</summary>
    public TimeSpan UploadBound(long bytes) => _timeout + TimeSpan.FromSeconds(Math.Ceiling(bytes / (1024.0 * 1024.0)));

    public async Task PutAsync(string key, Stream content, string contentType, CancellationToken ct)
    {
        var request = new PutObjectRequest
        {
            BucketName = _bucket.Name,
            Key = key,
            InputStream = content,
            ContentType = contentType,
            AutoCloseStream = false,
            UseChunkEncoding = false,
        };
        await Outbound.Timeout(UploadBound(content.Length - content.Position))
            .ExecuteAsync(async token => await _client.PutObjectAsync(request, token), ct);
    }

    public async Task<string> PresignGetAsync(string key, TimeSpan ttl, CancellationToken ct) => await _presignBound.ExecuteAsync(
        async token => await _client.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = _bucket.Name,
            Key = key,
            Verb = HttpVerb.GET,
            Expires = DateTime.UtcNow.Add(ttl),
            Protocol = new Uri(_bucket.EndpointUrl).Scheme == "http" ? Protocol.HTTP : Protocol.HTTPS,
        }).WaitAsync(token), ct);

    public void Dispose() => _client.Dispose();
}
