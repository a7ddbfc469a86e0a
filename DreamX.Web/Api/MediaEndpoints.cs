using DreamX.Domain.Media;
using DreamX.Domain.Storage;
using DreamX.Infrastructure.Storage;
using Microsoft.Net.Http.Headers;

namespace DreamX.Web.Api;

/// <summary>
/// Serves locally stored media behind signed links (<c>/media/{key}?t=...</c>, issued by <see cref="MediaUrls"/>).
/// The signature is the permission: the access rule was applied when the link was issued.
/// </summary>
public static class MediaEndpoints
{
    public static IEndpointRouteBuilder MapMediaEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(MediaUrlSigner.RoutePrefix + "{**key}", GetMediaAsync)
            .WithName("GetMedia")
            .AllowAnonymous();
        return app;
    }

    private static async Task<IResult> GetMediaAsync(
        string key,
        HttpContext http,
        MediaUrlSigner signer,
        IObjectStorage storage,
        TimeProvider time,
        CancellationToken ct)
    {
        var grant = signer.Validate(key, http.Request.Query[MediaUrlSigner.TokenParameter]);
        if (!grant.IsSuccess)
        {
            return TypedResults.Problem(title: "This media link is not valid.", detail: grant.Error, statusCode: StatusCodes.Status403Forbidden);
        }

        var content = await storage.OpenReadAsync(grant.Value.Key, ct);
        if (content is null)
        {
            return TypedResults.Problem(title: "This media no longer exists.", statusCode: StatusCodes.Status404NotFound);
        }

        // Only the holder of the link may cache it, and not beyond the link's own life.
        var maxAge = (long)Math.Max(0, (grant.Value.ExpiresAt - time.GetUtcNow()).TotalSeconds);
        http.Response.Headers.CacheControl = $"private, max-age={maxAge}";

        // Stored media is never run by the browser: no type guessing, no scripts, no plugins, a sandboxed origin; and only
        // images, audio and video are shown inline (by the type the studio stored); anything else is a download.
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        var info = content.Info;
        var inline = MediaSniffer.IsInline(info.ContentType);
        return TypedResults.Stream(
            content.Stream, // disposed by the result once sent
            inline ? info.ContentType : "application/octet-stream",
            grant.Value.DownloadFileName ?? (inline ? null : DownloadName(grant.Value.Key)),
            info.LastModified,
            info.ETag is null ? null : new EntityTagHeaderValue($"\"{info.ETag}\""),
            enableRangeProcessing: true);
    }

    private static string DownloadName(ObjectKey key)
    {
        var name = key.ToString();
        var slash = name.LastIndexOf('/');
        return slash >= 0 && slash < name.Length - 1 ? name[(slash + 1)..] : "download";
    }
}
