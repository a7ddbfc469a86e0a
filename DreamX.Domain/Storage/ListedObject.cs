namespace DreamX.Domain.Storage;

/// <summary>One entry of a listing. Listings do not carry the content type (S3 does not return it); stat the key for that.</summary>
public sealed record ListedObject(ObjectKey Key, long Size, DateTimeOffset LastModified);
