using System.Net;
using DreamX.Domain.Generation.Providers;
using DreamX.Infrastructure.Providers.OpenAICompatible;

namespace DreamX.Infrastructure.Providers.Video;

/// <summary>Turns a result download into a clip, with readable reasons for an expired link or a body that is no video.</summary>
internal static class VideoDownloads
{
    public static async Task<VideoClip> FetchAsync(OpenAICompatibleClient client, string provider, Uri url, CancellationToken cancellationToken)
    {
        ProviderReply reply;
        try
        {
            reply = await client.GetAsync(url, cancellationToken);
        }
        catch (ProviderFailure failure) when (!failure.IsTransient && failure.Message.StartsWith("HTTP 4", StringComparison.Ordinal))
        {
            // Result links are signed and expire (Ark: about a day): a 403/404/410 is that, not a bad request of ours.
            throw new ProviderFailure(provider, $"The clip's download link has expired or was refused ({failure.Message}).", isTransient: false, inner: failure);
        }
        return Clip(provider, reply);
    }

    public static VideoClip Clip(string provider, ProviderReply reply)
    {
        if (reply.Status != HttpStatusCode.OK)
            throw new ProviderFailure(provider, $"The clip's download answered HTTP {(int)reply.Status}.", isTransient: false);
        var type = VideoCheck.ContentTypeOf(reply.Body)
            ?? throw new ProviderFailure(provider,
                $"The clip's download is not a video (the provider sent {reply.ContentType ?? "no content type"}, {reply.Body.Length} bytes).", isTransient: false);
        return new VideoClip(reply.Body, type);
    }

    public static string DataUrl(VideoImage image) => $"data:{image.ContentType};base64,{Convert.ToBase64String(image.Content)}";
}
