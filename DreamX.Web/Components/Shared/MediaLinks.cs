using System.Security.Claims;
using DreamX.Domain.Storage;
using DreamX.Infrastructure.Identity;
using DreamX.Infrastructure.Storage;

namespace DreamX.Web.Components.Shared;

/// <summary>Media URLs for the signed-in user (or an anonymous visitor) of a page.</summary>
public static class MediaLinks
{
    public static ObjectReader ReaderOf(ClaimsPrincipal user)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (string.IsNullOrEmpty(id))
            return ObjectReader.Anonymous;
        return user.IsInRole(Roles.Admin) ? ObjectReader.Admin(id) : ObjectReader.User(id);
    }

    /// <summary>A signed URL for <paramref name="key"/>, or null when there is no key or the reader may not see it.</summary>
    public static async Task<string?> ReadUrlAsync(this MediaUrls urls, string? key, ObjectReader reader, CancellationToken ct)
    {
        if (!ObjectKey.TryParse(key, out var parsed))
            return null;
        var url = await urls.GetReadUrlAsync(parsed, reader, ct);
        return url.IsSuccess ? url.Value : null;
    }

    /// <summary>Signed URLs for many keys at once (a list page), keyed by the stored key.</summary>
    public static async Task<Dictionary<string, string>> ReadUrlsAsync(this MediaUrls urls, IEnumerable<string?> keys, ObjectReader reader, CancellationToken ct)
    {
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        urls = urls.ForBatch();
        foreach (var key in keys.OfType<string>().Distinct())
        {
            if (await urls.ReadUrlAsync(key, reader, ct) is { } url)
                links[key] = url;
        }

        return links;
    }
}
