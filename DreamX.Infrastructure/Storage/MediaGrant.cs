using DreamX.Domain.Storage;

namespace DreamX.Infrastructure.Storage;

/// <summary>What a valid <c>/media</c> link allows: reading one key until a moment, maybe as a download.</summary>
public sealed record MediaGrant(ObjectKey Key, DateTimeOffset ExpiresAt, string? DownloadFileName);
