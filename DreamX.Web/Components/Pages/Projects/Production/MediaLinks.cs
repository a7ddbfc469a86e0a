using DreamX.Domain.Storage;
using DreamX.Infrastructure.Storage;
using DreamX.Web.Components.Shared;

namespace DreamX.Web.Components.Pages.Projects.Production;

/// <summary>Signed read URLs for a user's stored media, keyed by object key (keys that do not parse are left out).</summary>
public static class MediaLinks
{
    public static Task<Dictionary<string, string>> SignAsync(MediaUrls media, string userId, IEnumerable<string?> keys, CancellationToken ct = default) =>
        media.ReadUrlsAsync(keys, ObjectReader.User(userId), ct);
}
