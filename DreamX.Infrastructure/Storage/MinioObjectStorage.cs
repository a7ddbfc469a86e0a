using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using DreamX.Domain.Storage;
using Minio;
using Minio.DataModel.Args;
using Minio.Exceptions;

namespace DreamX.Infrastructure.Storage;

/// <summary>
/// Objects in an S3-compatible bucket (MinIO in production), through the Minio client with path-style
/// addressing. Browsers read them through presigned URLs, never through the app.
/// </summary>
public sealed class MinioObjectStorage : IObjectStorage, IDisposable
{
    private readonly IMinioClient _client;
    private readonly IMinioClient _presigner;
    private readonly string _bucket;
    private readonly HttpClient? _http;
    private readonly SemaphoreSlim _bucketGate = new(1, 1);
    private volatile bool _bucketReady;

    /// <param name="transport">Optional handler for the S3 calls (shared, not disposed here); the Minio client's own otherwise.</param>
    public MinioObjectStorage(S3StorageOptions options, HttpMessageHandler? transport = null)
    {
        _bucket = options.Bucket;
        _http = transport is null ? null : new HttpClient(transport, disposeHandler: false);
        _client = BuildClient(options.Endpoint, options.UseSsl, options, _http);

        // Presigned URLs embed the host they were signed for, so they are signed for the host browsers use.
        // Presigning is local computation: this client never sends a request.
        _presigner = options.PublicEndpoint is { } publicEndpoint
            ? BuildClient(publicEndpoint, options.PublicUseSsl ?? options.UseSsl, options, httpClient: null)
            : _client;
    }

    public async Task<StoredObject> PutAsync(ObjectKey key, Stream content, string contentType, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        await EnsureBucketAsync(ct);

        // A known size lets the client send one request; -1 makes it upload in parts.
        var size = content.CanSeek ? content.Length - content.Position : -1;
        await _client.PutObjectAsync(
            new PutObjectArgs()
                .WithBucket(_bucket)
                .WithObject(key.Value)
                .WithStreamData(content)
                .WithObjectSize(size)
                .WithContentType(contentType),
            ct);

        // Stat for what the put response lacks (content type, time) and an authoritative size.
        return await StatAsync(key, ct) ?? throw new IOException($"'{key}' vanished right after it was written.");
    }

    public async Task<ObjectContent?> OpenReadAsync(ObjectKey key, CancellationToken ct)
    {
        if (await StatAsync(key, ct) is not { } info)
        {
            return null;
        }

        return new ObjectContent(info, MinioDownloadStream.Start(_client, _bucket, key.Value, ct));
    }

    public async Task<StoredObject?> StatAsync(ObjectKey key, CancellationToken ct)
    {
        await EnsureBucketAsync(ct);
        try
        {
            var stat = await _client.StatObjectAsync(new StatObjectArgs().WithBucket(_bucket).WithObject(key.Value), ct);
            return new StoredObject(
                key,
                stat.Size,
                string.IsNullOrEmpty(stat.ContentType) ? "application/octet-stream" : stat.ContentType,
                TrimQuotes(stat.ETag),
                AsUtc(stat.LastModified));
        }
        catch (Exception e) when (IsNotFound(e))
        {
            return null;
        }
    }

    public async Task<bool> ExistsAsync(ObjectKey key, CancellationToken ct) => await StatAsync(key, ct) is not null;

    public async Task DeleteAsync(ObjectKey key, CancellationToken ct)
    {
        await EnsureBucketAsync(ct);
        await _client.RemoveObjectAsync(new RemoveObjectArgs().WithBucket(_bucket).WithObject(key.Value), ct);
    }

    public async IAsyncEnumerable<ListedObject> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct)
    {
        if (!ObjectKey.IsValidPrefix(prefix))
        {
            throw new ArgumentException($"'{prefix}' is not a valid key prefix.", nameof(prefix));
        }

        await EnsureBucketAsync(ct);
        var items = _client.ListObjectsEnumAsync(
            new ListObjectsArgs().WithBucket(_bucket).WithPrefix(prefix).WithRecursive(true), ct);
        await foreach (var item in items)
        {
            // Anything written behind the app's back with a foreign key shape is not ours to list.
            if (!item.IsDir && ObjectKey.TryParse(item.Key, out var key))
            {
                var modified = item.LastModifiedDateTime is { } at ? AsUtc(at) : default;
                yield return new ListedObject(key, (long)item.Size, modified);
            }
        }
    }

    public async Task<StorageHealth> CheckHealthAsync(CancellationToken ct)
    {
        try
        {
            await EnsureBucketAsync(ct);
            return StorageHealth.Healthy();
        }
        catch (Exception e) when (e is MinioException or HttpRequestException or IOException)
        {
            return StorageHealth.Unhealthy($"Bucket '{_bucket}' is not reachable: {e.Message}");
        }
    }

    public async Task<string> GetDownloadUrlAsync(ObjectKey key, TimeSpan lifetime, string? downloadFileName, CancellationToken ct)
    {
        var args = new PresignedGetObjectArgs()
            .WithBucket(_bucket)
            .WithObject(key.Value)
            .WithExpiry((int)Math.Ceiling(lifetime.TotalSeconds));
        if (downloadFileName is not null)
        {
            // S3 answers with this header for a request carrying response-content-disposition, and it is signed.
            var disposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = downloadFileName };
            args = args.WithHeaders(new Dictionary<string, string> { ["response-content-disposition"] = disposition.ToString() });
        }

        return await _presigner.PresignedGetObjectAsync(args);
    }

    public void Dispose()
    {
        if (!ReferenceEquals(_presigner, _client))
        {
            _presigner.Dispose();
        }

        _client.Dispose();
        _http?.Dispose();
        _bucketGate.Dispose();
    }

    private async Task EnsureBucketAsync(CancellationToken ct)
    {
        if (_bucketReady)
        {
            return;
        }

        await _bucketGate.WaitAsync(ct);
        try
        {
            if (_bucketReady)
            {
                return;
            }

            var bucket = new BucketExistsArgs().WithBucket(_bucket);
            if (!await _client.BucketExistsAsync(bucket, ct))
            {
                await _client.MakeBucketAsync(new MakeBucketArgs().WithBucket(_bucket), ct);
            }

            _bucketReady = true;
        }
        finally
        {
            _bucketGate.Release();
        }
    }

    private static IMinioClient BuildClient(string endpoint, bool useSsl, S3StorageOptions options, HttpClient? httpClient)
    {
        var client = new MinioClient()
            .WithEndpoint(endpoint)
            .WithCredentials(options.AccessKey, options.SecretKey)
            .WithRegion(options.Region)
            .WithSSL(useSsl);
        if (httpClient is not null)
        {
            client = client.WithHttpClient(httpClient, disposeHttpClient: false);
        }

        return client.Build();
    }

    // The client reports times with varying kinds; S3 times are always UTC.
    private static DateTimeOffset AsUtc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Local => new DateTimeOffset(time.ToUniversalTime()),
        _ => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
    };

    private static bool IsNotFound(Exception e)
        => e is ObjectNotFoundException
           || (e is ErrorResponseException response && response.Response?.Code is "NoSuchKey" or "NotFound");

    private static string? TrimQuotes(string? etag) => etag?.Trim('"');
}
