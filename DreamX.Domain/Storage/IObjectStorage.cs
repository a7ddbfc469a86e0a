namespace DreamX.Domain.Storage;

/// <summary>
/// Where images, audio and video live: local files in development, S3 (MinIO) in production.
/// A missing object is an ordinary answer (null / false), never an exception.
/// </summary>
public interface IObjectStorage
{
    /// <summary>Stores <paramref name="content"/> under <paramref name="key"/>, replacing any previous object.</summary>
    Task<StoredObject> PutAsync(ObjectKey key, Stream content, string contentType, CancellationToken ct);

    /// <returns>The object's content, or null when there is no such object.</returns>
    Task<ObjectContent?> OpenReadAsync(ObjectKey key, CancellationToken ct);

    /// <returns>What is known about the object, or null when there is no such object.</returns>
    Task<StoredObject?> StatAsync(ObjectKey key, CancellationToken ct);

    Task<bool> ExistsAsync(ObjectKey key, CancellationToken ct);

    /// <summary>Removes the object; removing a missing object is not an error.</summary>
    Task DeleteAsync(ObjectKey key, CancellationToken ct);

    /// <summary>Every object whose key starts with <paramref name="prefix"/> (see <see cref="ObjectKey.IsValidPrefix"/>), in key order.</summary>
    IAsyncEnumerable<ListedObject> ListAsync(string prefix, CancellationToken ct);

    /// <summary>Local: the root is writable. S3: the bucket is reachable.</summary>
    Task<StorageHealth> CheckHealthAsync(CancellationToken ct);

    /// <summary>
    /// A short-lived signed URL a browser can GET: absolute for S3 (presigned), app-relative for local files (<c>/media/...</c>).
    /// Does not check access: callers go through the access rule first (see <see cref="ObjectAccessPolicy"/>).
    /// </summary>
    /// <param name="downloadFileName">When set, the browser saves the object under this name instead of showing it.</param>
    Task<string> GetDownloadUrlAsync(ObjectKey key, TimeSpan lifetime, string? downloadFileName, CancellationToken ct);
}
