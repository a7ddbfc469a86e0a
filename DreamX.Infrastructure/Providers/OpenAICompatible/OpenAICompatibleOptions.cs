namespace DreamX.Infrastructure.Providers.OpenAICompatible;

/// <summary>Settings shared by every OpenAI-compatible provider ("Providers:OpenAICompatible").</summary>
public sealed class OpenAICompatibleOptions
{
    public const string Section = "Providers:OpenAICompatible";

    /// <summary>How long one HTTP call may take before it counts as a (transient) timeout.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(120);

    public double Temperature { get; set; } = 0.7;
}
