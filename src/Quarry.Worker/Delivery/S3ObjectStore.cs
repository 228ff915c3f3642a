using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Quarry.Worker.Configuration;

namespace Quarry.Worker.Delivery;

/// <summary>The <see cref="IObjectStore"/> over any S3-compatible service (AWS, R2, MinIO, …) via the AWS SDK.</summary>
public sealed class S3ObjectStore : IObjectStore, IDisposable
{
    private readonly AmazonS3Client _client;
    private readonly BucketOptions _bucket;

    public S3ObjectStore(BucketOptions bucket)
    {
        _bucket = bucket;
        var endpoint = new Uri(bucket.EndpointUrl);
        var config = new AmazonS3Config
        {
            ServiceURL = bucket.EndpointUrl,
            ForcePathStyle = true, // R2, MinIO and most compatibles want path-style addressing
            AuthenticationRegion = bucket.Region == "auto" ? "us-east-1" : bucket.Region,
            UseHttp = endpoint.Scheme == "http",
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        _client = new AmazonS3Client(new BasicAWSCredentials(bucket.AccessKeyId, bucket.SecretAccessKey), config);
    }

    public string Prefix => _bucket.Prefix;
    public TimeSpan PresignTtl => TimeSpan.FromSeconds(_bucket.PresignTtlSeconds);

    public async Task PutAsync(string key, Stream content, string contentType, CancellationToken ct)
    {
        await _client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _bucket.Name,
            Key = key,
            InputStream = content,
            ContentType = contentType,
            AutoCloseStream = false,
            UseChunkEncoding = false,
        }, ct);
    }

    public Task<string> PresignGetAsync(string key, TimeSpan ttl) => _client.GetPreSignedURLAsync(new GetPreSignedUrlRequest
    {
        BucketName = _bucket.Name,
        Key = key,
        Verb = HttpVerb.GET,
        Expires = DateTime.UtcNow.Add(ttl),
        Protocol = new Uri(_bucket.EndpointUrl).Scheme == "http" ? Protocol.HTTP : Protocol.HTTPS,
    });

    public void Dispose() => _client.Dispose();
}
