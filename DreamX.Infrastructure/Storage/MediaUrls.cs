using DreamX.Domain.Common;
using DreamX.Domain.Storage;
using Microsoft.Extensions.Options;

namespace DreamX.Infrastructure.Storage;

/// <summary>
/// Hands out read URLs for stored media, only to readers the access rule lets in.
/// The one place pages and APIs should get a media URL from.
/// </summary>
public sealed class MediaUrls(IObjectStorage storage, IProjectOwnerLookup projectOwners, IOptions<ObjectStorageOptions> options)
{
    /// <summary>A short-lived URL to show <paramref name="key"/> (img, audio, video), or the reason <paramref name="reader"/> may not have one.</summary>
    public Task<Result<string>> GetReadUrlAsync(ObjectKey key, ObjectReader reader, CancellationToken ct)
        => IssueAsync(key, reader, downloadFileName: null, ct);

    /// <summary>Like <see cref="GetReadUrlAsync"/>, but the browser saves the object as <paramref name="downloadFileName"/>.</summary>
    public Task<Result<string>> GetDownloadUrlAsync(ObjectKey key, ObjectReader reader, string downloadFileName, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(downloadFileName);
        return IssueAsync(key, reader, downloadFileName, ct);
    }

    private async Task<Result<string>> IssueAsync(ObjectKey key, ObjectReader reader, string? downloadFileName, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(reader);

        string? ownerId = null;
        if (key.ProjectId is { } projectId)
        {
            ownerId = await projectOwners.FindOwnerIdAsync(projectId, ct);
            if (ownerId is null)
            {
                return Result<string>.Failure("This project does not exist.");
            }
        }

        // isPublished stays false until showcases exist; they will pass the project's published state here.
        if (!ObjectAccessPolicy.CanRead(key, reader, ownerId, isPublished: false)
            && !(key.ProjectId is { } memberOf && reader.UserId is { Length: > 0 } userId && await projectOwners.IsMemberAsync(memberOf, userId, ct)))
        {
            return Result<string>.Failure(reader.IsSignedIn
                ? "You do not have access to this media."
                : "Sign in to see this media.");
        }

        var url = await storage.GetDownloadUrlAsync(key, options.Value.ReadUrlLifetime, downloadFileName, ct);
        return Result<string>.Success(url);
    }
}
