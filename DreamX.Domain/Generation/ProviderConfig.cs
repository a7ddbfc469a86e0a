using DreamX.Domain.Common;

namespace DreamX.Domain.Generation;

public enum ProviderKind
{
    Builtin,
    OpenAICompatible,
    VolcengineArk,
}

/// <summary>What a provider can do; a router picks among providers that share a capability.</summary>
[Flags]
public enum ProviderCapabilities
{
    None = 0,
    Text = 1,
    Image = 2,
    Speech = 4,
    Clip = 8,
    Video = 16,
}

/// <summary>An AI provider configured by an admin: where it is, its key (encrypted) and its models and prices.</summary>
public sealed class ProviderConfig : Entity
{
    public string Name { get; set; } = "";
    public ProviderKind Kind { get; set; }
    public ProviderCapabilities Capabilities { get; set; }
    public string? BaseUrl { get; set; }

    /// <summary>The API key, protected with ASP.NET Data Protection; never stored in clear.</summary>
    public string? ProtectedApiKey { get; set; }

    /// <summary>
    /// The secret that signs this provider's completion callbacks to <c>/api/v1/webhooks/providers/{name}</c> (protected
    /// like the key); none means callbacks are refused and its jobs are only polled.
    /// </summary>
    public string? ProtectedCallbackSecret { get; set; }

    public string? TextModel { get; set; }
    public string? ImageModel { get; set; }
    public string? SpeechModel { get; set; }
    public string? ClipModel { get; set; }

    /// <summary>The image-to-video model (Ark task API or OpenAI-style /videos) and what it accepts.</summary>
    public string? VideoModel { get; set; }
    public VideoModelSettings VideoSettings { get; set; } = new();

    /// <summary>Price per unit in the provider's currency, per capability (per 1K tokens, per image, per second...).</summary>
    public Dictionary<string, decimal> Prices { get; set; } = [];

    /// <summary>Relative quality (1-10) and speed (1-10) used by the routing strategies.</summary>
    public int QualityScore { get; set; } = 5;
    public int SpeedScore { get; set; } = 5;

    public int Priority { get; set; }

    /// <summary>
    /// The image model takes reference pictures (OpenAI-compatible: the images edit call; Ark: the <c>image</c> list), so
    /// shots and key art with characters in them are sent the characters' reference sheets and routed here first.
    /// </summary>
    public bool AcceptsReferenceImages { get; set; }

    /// <summary>
    /// On the built-in row only: the capabilities for which the built-in providers may stand in when every configured
    /// provider failed. None by default: a configured provider's failure is then the task's failure, not a silent swap.
    /// </summary>
    public ProviderCapabilities FallbackCapabilities { get; set; }
    public bool Enabled { get; set; } = true;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>
/// What a video model accepts, as the admin entered it: clip lengths in whole seconds (a shot asks for the shortest one
/// not shorter than itself), aspect ratios ("16:9", "9:16"...), resolutions ("720p" or "1280x720"), whether it makes its
/// own soundtrack, and how long one clip may take from submission to download before the task gives up.
/// </summary>
public sealed class VideoModelSettings
{
    public List<int> Durations { get; set; } = [5, 10];
    public List<string> Ratios { get; set; } = ["16:9", "9:16", "1:1"];
    public List<string> Resolutions { get; set; } = ["720p"];
    public bool NativeAudio { get; set; }
    public int TimeoutMinutes { get; set; } = 20;
}
