using DreamX.Domain.Storage;
using DreamX.Infrastructure.Storage;

namespace DreamX.Web.Components.Pages.Projects.Production;

/// <summary>Signed read URLs for a user's stored media, keyed by object key (keys that do not parse are left out).</summary>
public static class MediaLinks
{
    public static async Task<Dictionary<string, string>> SignAsync(MediaUrls media, string userId, IEnumerable<string?> keys, CancellationToken ct = default)
    {
        var urls = new Dictionary<string, string>();
        var reader = ObjectReader.User(userId);
        media = media.ForBatch();
        foreach (var key in keys.OfType<string>().Distinct())
        {
            if (!ObjectKey.TryParse(key, out var parsed))
                continue;
            var url = await media.GetReadUrlAsync(parsed, reader, ct);
            if (url.IsSuccess)
                urls[key] = url.Value;
        }
        return urls;
    }
}
