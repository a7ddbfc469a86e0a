namespace DreamX.Infrastructure.Storage;

/// <summary>The "Storage:S3" section.</summary>
public sealed class S3StorageOptions
{
    /// <summary>host:port the app talks to, e.g. <c>minio:9000</c>.</summary>
    public string Endpoint { get; set; } = "";

    public string AccessKey { get; set; } = "";

    public string SecretKey { get; set; } = "";

    public string Bucket { get; set; } = "dreamx";

    public bool UseSsl { get; set; }

    /// <summary>Presigned URLs are signed for a region; setting it also spares a region lookup round-trip.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>
    /// host:port browsers reach the server at, when it differs from <see cref="Endpoint"/>
    /// (e.g. the app talks to <c>minio:9000</c> inside compose, browsers to <c>localhost:9000</c>).
    /// </summary>
    public string? PublicEndpoint { get; set; }

    /// <summary>Whether browsers reach <see cref="PublicEndpoint"/> over https; defaults to <see cref="UseSsl"/>.</summary>
    public bool? PublicUseSsl { get; set; }
}
