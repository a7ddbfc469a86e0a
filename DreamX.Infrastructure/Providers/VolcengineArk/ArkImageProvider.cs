using System.Text.Json.Nodes;
using DreamX.Domain.Generation;
using DreamX.Domain.Generation.Providers;
using DreamX.Infrastructure.Outbound;
using DreamX.Infrastructure.Providers.OpenAICompatible;

namespace DreamX.Infrastructure.Providers.VolcengineArk;

/// <summary>
/// Image generation in the Volcengine Ark shape that Seedream models take: <c>POST {base}/images/generations</c> with a JSON
/// body of <c>model</c>, <c>prompt</c>, <c>size</c>, <c>seed</c>, <c>response_format</c>, <c>watermark</c> and, for a frame
/// with characters in it, <c>image</c>: their reference pictures as data URLs (the studio's own media links are never sent).
/// The answer is read like an OpenAI one (<c>data[0].b64_json</c> or <c>url</c>), through the same outbound guard and checks.
/// </summary>
public sealed class ArkImageProvider : IImageProvider
{
    /// <summary>Seedream's smallest output is about 0.9 megapixels (1280×720): smaller frames are asked for scaled up.</summary>
    public const int MinPixels = 1280 * 720;

    private readonly ProviderConfig _config;
    private readonly OpenAICompatibleClient _client;

    internal ArkImageProvider(ProviderConfig config, string? apiKey, OutboundHttp http, OpenAICompatibleOptions options, TimeProvider time)
    {
        _config = config;
        _client = OpenAICompatibleClient.For(config, apiKey, http, options, time);
    }

    public string Name => _config.Name;

    public async Task<ImageResponse> GenerateImageAsync(ImageRequest request, CancellationToken cancellationToken)
    {
        var model = _config.ImageModel is { Length: > 0 } configured ? configured
            : request.Model is { Length: > 0 } asked ? asked
            : throw new ProviderFailure(Name, $"Provider '{Name}' has no image model configured.", isTransient: false);
        var (width, height) = SizeFor(request.Width, request.Height);
        var body = new JsonObject
        {
            ["model"] = model,
            ["prompt"] = request.Prompt,
            ["size"] = $"{width}x{height}",
            ["seed"] = request.Seed,
            ["sequential_image_generation"] = "disabled",
            ["response_format"] = "b64_json",
            ["watermark"] = false,
        };
        var references = 0;
        if (_config.AcceptsReferenceImages && ImageAnswer.WantsReferences(request))
        {
            var images = new JsonArray();
            foreach (var reference in request.LoadedReferences())
                images.Add($"data:{reference.ContentType};base64,{Convert.ToBase64String(reference.Content!)}");
            body["image"] = images;
            references = images.Count;
        }

        var answer = _client.ReadJson(await _client.PostJsonAsync("images/generations", body, cancellationToken));
        var (bytes, contentType) = await ImageAnswer.ReadAsync(_client, Name, answer, cancellationToken);
        return new ImageResponse(bytes, contentType, new ProviderUsage(Name, model, Cost: ProviderPrices.Of(_config, ProviderPrices.Image), ReferenceImages: references));
    }

    /// <summary>The frame's shape at no less than <see cref="MinPixels"/>, each side a multiple of 8.</summary>
    public static (int Width, int Height) SizeFor(int width, int height)
    {
        var scale = Math.Max(1.0, Math.Sqrt(MinPixels / (double)Math.Max(1, width * height)));
        static int Round8(double side) => (int)Math.Ceiling(side / 8) * 8;
        return (Round8(width * scale), Round8(height * scale));
    }
}
