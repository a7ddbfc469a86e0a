namespace DreamX.Domain.Scripts;

/// <summary>
/// A language version of an episode: the same pictures and clips with its own lines, voices, subtitles and renders.
/// Not a copy of the project: its lines point at the episode's shots, and the compose node renders it when the episode's
/// language switch (<see cref="Composition.Language"/>) is set to <see cref="Language"/>.
/// </summary>
public sealed class EpisodeTranslation : Common.Entity
{
    public const int TextMaxLength = 1000;

    public Guid ProjectId { get; init; }
    public Guid EpisodeId { get; init; }

    /// <summary>The version's language (BCP 47, one of <see cref="Common.StoryLanguage.All"/>).</summary>
    public string Language { get; init; } = "";

    /// <summary>One line per spoken shot, in the episode's order.</summary>
    public List<TranslatedLine> Lines { get; set; } = [];

    /// <summary>Each speaker's voice in this language (the narrator's key is <see cref="TranslatedLine.NarratorKey"/>).</summary>
    public List<CharacterVoice> Voices { get; set; } = [];

    /// <summary>Subtitles show the translated line above the original.</summary>
    public bool DualSubtitles { get; set; }

    /// <summary>The provider and model that translated it ("builtin/story-writer-v1").</summary>
    public string TranslatedBy { get; set; } = "";

    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>Lines the translator could not translate (they keep the original until the creator writes them).</summary>
    public int UntranslatedCount => Lines.Count(l => l.Untranslated);

    /// <summary>Every line has its voice: the version can be composed.</summary>
    public bool IsVoiced => Lines.All(l => l.AudioKey is not null || string.IsNullOrWhiteSpace(l.Text));
}

/// <summary>
/// A shot's line in a language version. <see cref="Original"/> is the episode's line it was translated from (shown side by
/// side, and compared to tell a line whose original changed since). A translated line never cuts: when its voice runs
/// longer than the shot, the shot is lengthened in the compose and <see cref="LengthensShotBy"/> tells by how much.
/// </summary>
public sealed record TranslatedLine(
    Guid ShotId,
    string? CharacterKey,
    string Original,
    string Text,
    bool Untranslated = false,
    bool Edited = false,
    string? AudioKey = null,
    decimal? AudioSeconds = null,
    string? VoiceError = null)
{
    public const string NarratorKey = "";

    /// <summary>The key of the voice that speaks it in <see cref="EpisodeTranslation.Voices"/>.</summary>
    public string SpeakerKey => CharacterKey ?? NarratorKey;

    /// <summary>How much longer than <paramref name="shotSeconds"/> the voiced line needs (with its lead and tail), or 0.</summary>
    public decimal LengthensShotBy(decimal shotSeconds, decimal marginSeconds = 0.45m) =>
        AudioSeconds is { } audio && audio + marginSeconds > shotSeconds ? Math.Round(audio + marginSeconds - shotSeconds, 2) : 0;
}

/// <summary>The voice a speaker has in a language version.</summary>
public sealed record CharacterVoice(string CharacterKey, Guid VoiceId);
