namespace DreamX.Domain.Storage;

/// <summary>What storage knows about one object.</summary>
/// <param name="ETag">An opaque version tag (S3 ETag, or the SHA-256 of the content for local files); changes when the content does.</param>
public sealed record StoredObject(ObjectKey Key, long Size, string ContentType, string? ETag, DateTimeOffset LastModified);
