using DreamX.Domain.Generation;

namespace DreamX.Infrastructure.Providers.OpenAICompatible;

/// <summary>
/// The keys of <see cref="ProviderConfig.Prices"/>: text is priced per 1K tokens (in and out), images per image,
/// speech per 1K characters, clips per second.
/// </summary>
public static class ProviderPrices
{
    public const string TextInputPer1K = "text.input_per_1k";
    public const string TextOutputPer1K = "text.output_per_1k";
    public const string Image = "image";
    public const string SpeechPer1KChars = "speech.per_1k_chars";
    public const string ClipPerSecond = "clip.per_second";
    public const string VideoPerSecond = "video.per_second";

    public static decimal Of(ProviderConfig config, string key) => config.Prices.TryGetValue(key, out var price) ? price : 0m;

    /// <summary>A single figure per capability, used to order providers by cost.</summary>
    public static decimal Typical(ProviderConfig config, ProviderCapabilities capability) => capability switch
    {
        ProviderCapabilities.Text => Of(config, TextInputPer1K) + Of(config, TextOutputPer1K),
        ProviderCapabilities.Image => Of(config, Image),
        ProviderCapabilities.Speech => Of(config, SpeechPer1KChars),
        ProviderCapabilities.Clip => Of(config, ClipPerSecond),
        ProviderCapabilities.Video => Of(config, VideoPerSecond),
        _ => 0m,
    };
}
