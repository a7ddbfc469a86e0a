namespace DreamX.Infrastructure.Storage;

/// <summary>The "Storage" configuration section; checked at start by <see cref="ObjectStorageOptionsValidator"/>.</summary>
public sealed class ObjectStorageOptions
{
    public const string SectionName = "Storage";

    public ObjectStorageProvider Provider { get; set; } = ObjectStorageProvider.Local;

    public LocalStorageOptions Local { get; set; } = new();

    public S3StorageOptions S3 { get; set; } = new();

    /// <summary>How long a read URL handed to a browser stays valid.</summary>
    public TimeSpan ReadUrlLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long the health check waits for storage before calling it unhealthy.</summary>
    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
