using System.Text.RegularExpressions;
using DreamX.Domain.Characters;
using DreamX.Domain.Common;

namespace DreamX.Domain.Assets;

/// <summary>What an admin fills in for a visual style.</summary>
public sealed partial record VisualStyleDraft(
    string Title,
    string Type,
    string Description,
    string PromptFragment,
    IReadOnlyList<string> Palette,
    int SortOrder = 0,
    bool IsActive = true)
{
    /// <summary>The first rule the draft breaks (a <see cref="CatalogErrors"/> code), or null.</summary>
    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(Title))
            return CatalogErrors.TitleRequired;
        if (Title.Trim().Length > VisualStyle.TitleMaxLength || (Type ?? "").Trim().Length > VisualStyle.TypeMaxLength
            || (Description ?? "").Length > VisualStyle.DescriptionMaxLength || (PromptFragment ?? "").Length > VisualStyle.PromptFragmentMaxLength)
            return CatalogErrors.TooLong;
        if (Palette.Any(c => !IsHexColour(c)))
            return CatalogErrors.PaletteColour;
        return null;
    }

    public void ApplyTo(VisualStyle style)
    {
        style.Title = Title.Trim();
        style.Type = (Type ?? "").Trim();
        style.Description = (Description ?? "").Trim();
        style.PromptFragment = (PromptFragment ?? "").Trim();
        style.Palette = Palette.Select(c => c.Trim().ToUpperInvariant()).ToList();
        style.SortOrder = SortOrder;
        style.IsActive = IsActive;
    }

    public static VisualStyleDraft From(VisualStyle style) =>
        new(style.Title, style.Type, style.Description, style.PromptFragment, style.Palette, style.SortOrder, style.IsActive);

    public static bool IsHexColour(string? value) => value is not null && HexColour().IsMatch(value.Trim());

    [GeneratedRegex("^#[0-9A-Fa-f]{6}$")]
    private static partial Regex HexColour();
}

/// <summary>What an admin fills in for a voice; the engine fields drive espeak-ng.</summary>
public sealed record VoiceDraft(
    string Name,
    string Language,
    Gender Gender,
    string AgeRange,
    string Description,
    string EngineVoice,
    string? EngineVariant,
    int Pitch = 50,
    int WordsPerMinute = 160,
    bool IsActive = true)
{
    public const int MinPitch = 0;
    public const int MaxPitch = 99;
    public const int MinWordsPerMinute = 80;
    public const int MaxWordsPerMinute = 450;

    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(Name))
            return CatalogErrors.NameRequired;
        if (!StoryLanguage.IsSupported(Language))
            return CatalogErrors.LanguageUnsupported;
        if (string.IsNullOrWhiteSpace(EngineVoice))
            return CatalogErrors.EngineVoiceRequired;
        if (Name.Trim().Length > Voice.NameMaxLength || (AgeRange ?? "").Trim().Length > Voice.AgeRangeMaxLength
            || (Description ?? "").Length > Voice.DescriptionMaxLength || EngineVoice.Trim().Length > Voice.EngineVoiceMaxLength
            || (EngineVariant ?? "").Trim().Length > Voice.EngineVariantMaxLength)
            return CatalogErrors.TooLong;
        if (Pitch is < MinPitch or > MaxPitch)
            return CatalogErrors.PitchRange;
        if (WordsPerMinute is < MinWordsPerMinute or > MaxWordsPerMinute)
            return CatalogErrors.SpeedRange;
        return null;
    }

    public void ApplyTo(Voice voice)
    {
        voice.Name = Name.Trim();
        voice.Language = Language;
        voice.Gender = Gender;
        voice.AgeRange = (AgeRange ?? "").Trim();
        voice.Description = (Description ?? "").Trim();
        voice.EngineVoice = EngineVoice.Trim();
        voice.EngineVariant = string.IsNullOrWhiteSpace(EngineVariant) ? null : EngineVariant.Trim();
        voice.Pitch = Pitch;
        voice.WordsPerMinute = WordsPerMinute;
        voice.IsActive = IsActive;
    }

    public static VoiceDraft From(Voice voice) =>
        new(voice.Name, voice.Language, voice.Gender, voice.AgeRange, voice.Description, voice.EngineVoice,
            voice.EngineVariant, voice.Pitch, voice.WordsPerMinute, voice.IsActive);
}

/// <summary>What an admin fills in for a showcase; the review fields decide whether the gallery shows it.</summary>
public sealed record ShowcaseDraft(
    string Title,
    string Description,
    ShowcaseStatus Status = ShowcaseStatus.Pending,
    string? ReviewNote = null,
    int SortOrder = 0)
{
    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(Title))
            return CatalogErrors.TitleRequired;
        if (Title.Trim().Length > Showcase.TitleMaxLength || (Description ?? "").Length > Showcase.DescriptionMaxLength
            || (ReviewNote ?? "").Length > Showcase.ReviewNoteMaxLength)
            return CatalogErrors.TooLong;
        return null;
    }

    /// <summary>Copies the draft; a change of status is recorded as a review by <paramref name="reviewerId"/>.</summary>
    public void ApplyTo(Showcase showcase, string? reviewerId, DateTimeOffset now)
    {
        showcase.Title = Title.Trim();
        showcase.Description = (Description ?? "").Trim();
        showcase.ReviewNote = string.IsNullOrWhiteSpace(ReviewNote) ? null : ReviewNote.Trim();
        showcase.SortOrder = SortOrder;
        if (showcase.Status != Status)
        {
            showcase.Status = Status;
            showcase.ReviewedBy = reviewerId;
            showcase.ReviewedAt = now;
        }
    }

    public static ShowcaseDraft From(Showcase showcase) =>
        new(showcase.Title, showcase.Description, showcase.Status, showcase.ReviewNote, showcase.SortOrder);
}
