using DreamX.Domain.Characters;
using DreamX.Domain.Common;

namespace DreamX.Domain.Assets;

/// <summary>A voice from the library; characters are given one, and the speech provider renders with it.</summary>
public sealed class Voice : Entity
{
    public const int NameMaxLength = 60;
    public const int AgeRangeMaxLength = 20;
    public const int DescriptionMaxLength = 500;
    public const int EngineVoiceMaxLength = 40;
    public const int EngineVariantMaxLength = 20;

    public string Name { get; set; } = "";
    public string Language { get; set; } = StoryLanguage.Chinese;
    public Gender Gender { get; set; }

    /// <summary>e.g. "18-25", "40-60".</summary>
    public string AgeRange { get; set; } = "";

    public string Description { get; set; } = "";

    /// <summary>The built-in engine's voice, e.g. "cmn" or "en-us", with an optional variant such as "f3".</summary>
    public string EngineVoice { get; set; } = "";
    public string? EngineVariant { get; set; }

    /// <summary>espeak-ng pitch, 0-99.</summary>
    public int Pitch { get; set; } = 50;

    /// <summary>Speaking rate in words per minute (espeak-ng -s).</summary>
    public int WordsPerMinute { get; set; } = 160;

    public string? SampleAudioKey { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}
