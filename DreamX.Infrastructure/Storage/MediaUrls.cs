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

    /// <summary>
    /// The same rule for a batch of links signed together (a project's every thumbnail, clip and download in one read):
    /// each project's owner, and whether the reader is one of its members, are asked once for the batch instead of once
    /// per link (a 300-card project asked the database 300 times on every read). Use it for one batch, then drop it: an
    /// ownership or membership change reaches the next batch.
    /// </summary>
    public MediaUrls ForBatch() => new(storage, new BatchLookup(projectOwners), options);

    /// <summary>Remembers each answer of <paramref name="inner"/> for one batch (its calls come one after another).</summary>
    private sealed class BatchLookup(IProjectOwnerLookup inner) : IProjectOwnerLookup
    {
        private readonly Dictionary<Guid, string?> _owners = [];
        private readonly Dictionary<(Guid, string), bool> _members = [];

        public async Task<string?> FindOwnerIdAsync(Guid projectId, CancellationToken ct)
        {
            if (!_owners.TryGetValue(projectId, out var owner))
                _owners[projectId] = owner = await inner.FindOwnerIdAsync(projectId, ct);
            return owner;
        }

        public async Task<bool> IsMemberAsync(Guid projectId, string userId, CancellationToken ct)
        {
            if (!_members.TryGetValue((projectId, userId), out var member))
                _members[(projectId, userId)] = member = await inner.IsMemberAsync(projectId, userId, ct);
            return member;
        }
    }
}
