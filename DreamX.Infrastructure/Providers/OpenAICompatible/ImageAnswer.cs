using System.Text.Json.Nodes;
using DreamX.Domain.Generation.Providers;
using DreamX.Domain.Media;

namespace DreamX.Infrastructure.Providers.OpenAICompatible;

/// <summary>
/// Reads an image answer in the OpenAI shape (<c>data[0].b64_json</c> or <c>data[0].url</c>), as OpenAI-compatible
/// services and Volcengine Ark both give it, and checks the picture: PNG, JPEG or WebP by its bytes, decodable, large enough.
/// </summary>
internal static class ImageAnswer
{
    public static async Task<(byte[] Content, string ContentType)> ReadAsync(OpenAICompatibleClient client, string providerName, JsonNode answer, CancellationToken cancellationToken)
    {
        var first = answer["data"]?[0];
        byte[] bytes;
        if (first?["b64_json"]?.GetValue<string>() is { Length: > 0 } base64)
        {
            try
            {
                bytes = Convert.FromBase64String(base64);
            }
            catch (FormatException ex)
            {
                throw new ProviderFailure(providerName, "The image's base64 is invalid.", isTransient: false, inner: ex);
            }
        }
        else if (first?["url"]?.GetValue<string>() is { Length: > 0 } url && Uri.TryCreate(url, UriKind.RelativeOrAbsolute, out var imageUrl))
        {
            bytes = (await client.GetAsync(imageUrl, cancellationToken)).Body;
        }
        else
        {
            throw new ProviderFailure(providerName, "The image answer has neither b64_json nor url.", isTransient: false);
        }

        // The type comes from the bytes, never from the sender: anything but PNG, JPEG or WebP is refused.
        var format = MediaSniffer.Sniff(bytes, MediaFamily.Image)
            ?? throw new ProviderFailure(providerName, $"The image answer is not a PNG, JPEG or WebP image (it looks like {MediaSniffer.Describe(bytes)}).", isTransient: false);
        // A thumbnail or a broken file is a failed call (retried, then failed over), not a portrait.
        if (ProviderMediaCheck.ImageProblem(bytes) is { } problem)
            throw new ProviderFailure(providerName, $"The image answer cannot be used: {problem}.", isTransient: true);
        return (bytes, format.ContentType);
    }

    /// <summary>Whether a request should show the model its character references (frames and key art with a loaded reference).</summary>
    public static bool WantsReferences(ImageRequest request) =>
        request.Kind is ImageKind.ShotFrame or ImageKind.SceneKeyArt or ImageKind.Cover && request.LoadedReferences().Count > 0;

    /// <summary>A file name for a reference part: the character and its place on the sheet, with the type's extension.</summary>
    public static string FileNameOf(ImageReference reference, int index)
    {
        var extension = reference.ContentType switch { "image/png" => "png", "image/webp" => "webp", _ => "jpg" };
        var safe = new string(reference.Character.Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        return $"ref-{index + 1}-{(safe.Length == 0 ? "character" : safe)}.{extension}";
    }
}
