using DreamX.Domain.Common;
using DreamX.Domain.Subscriptions;

namespace DreamX.Domain.Projects;

/// <summary>What makes a checkpoint valid; shared by the form, the API and the services.</summary>
public static class CheckpointRules
{
    public const int IdeaMinLength = 10;
    public const int IdeaMaxLength = 4000;
    public const int ScriptMaxLength = 20000;
    public const int MaxEpisodes = 100;
    public const int MinEpisodeSeconds = 15;
    public const int MaxEpisodeSeconds = 600;

    /// <summary>The checkpoint's own rules and, given the creator's <paramref name="plan"/>, that plan's limits.</summary>
    public static IReadOnlyList<ValidationError> Validate(CheckpointInput input, SubscriptionTier plan)
    {
        var errors = Validate(input);
        if (errors.All(e => e.Field != nameof(input.EpisodeCount)) && PlanEpisodes(plan, input.EpisodeCount) is { } error)
            return [.. errors, error];
        return errors;
    }

    /// <summary>
    /// More episodes than the plan allows in one project: refused with the plan and its limit named (never lowered
    /// to the limit behind the creator's back).
    /// </summary>
    public static ValidationError? PlanEpisodes(SubscriptionTier plan, int episodes)
    {
        var limit = TierLimits.For(plan).MaxEpisodesPerProject;
        return episodes > limit ? new(nameof(CheckpointInput.EpisodeCount), PlanEpisodesCode, limit, plan.ToString()) : null;
    }

    public const string PlanEpisodesCode = "plan.episodes";

    public static IReadOnlyList<ValidationError> Validate(CheckpointInput input)
    {
        var errors = new List<ValidationError>();
        if (ValidateTitle(input.Title) is { } titleError)
            errors.Add(titleError);

        if (!StoryLanguage.IsSupported(input.Language))
            errors.Add(new(nameof(input.Language), "language.unsupported"));

        var idea = input.Idea?.Trim() ?? "";
        var ideaMax = input.Type == ProjectType.ScriptBased ? ScriptMaxLength : IdeaMaxLength;
        if (idea.Length == 0)
            errors.Add(new(nameof(input.Idea), input.Type == ProjectType.ScriptBased ? "script.required" : "idea.required"));
        else if (idea.Length < IdeaMinLength)
            errors.Add(new(nameof(input.Idea), "idea.too_short", IdeaMinLength));
        else if (idea.Length > ideaMax)
            errors.Add(new(nameof(input.Idea), "idea.too_long", ideaMax));

        if (input.Type == ProjectType.MultiEpisodes)
        {
            if (input.EpisodeCount is < 2 or > MaxEpisodes)
                errors.Add(new(nameof(input.EpisodeCount), "episodes.multi_range", 2, MaxEpisodes));
        }
        else if (input.EpisodeCount is < 1 or > MaxEpisodes)
        {
            errors.Add(new(nameof(input.EpisodeCount), "episodes.range", 1, MaxEpisodes));
        }
        else if (input.Type == ProjectType.SingleEpisode && input.EpisodeCount != 1)
        {
            errors.Add(new(nameof(input.EpisodeCount), "episodes.single"));
        }

        if (input.EpisodeDurationSeconds is < MinEpisodeSeconds or > MaxEpisodeSeconds)
            errors.Add(new(nameof(input.EpisodeDurationSeconds), "duration.range", MinEpisodeSeconds, MaxEpisodeSeconds));

        if (input.Type == ProjectType.RedbookNote)
        {
            if (input.NotePageCount is < Notes.NoteRules.MinPages or > Notes.NoteRules.MaxPages)
                errors.Add(new(nameof(input.NotePageCount), "note.pages_range", Notes.NoteRules.MinPages, Notes.NoteRules.MaxPages));
            if (!Notes.NoteRules.IsTone(input.NoteTone))
                errors.Add(new(nameof(input.NoteTone), "note.tone_unsupported"));
        }

        if (input.Type == ProjectType.MusicMv)
            errors.AddRange(ValidateSong(input));

        if (!Enum.IsDefined(input.AspectRatio))
            errors.Add(new(nameof(input.AspectRatio), "aspect.unsupported"));
        if (!Enum.IsDefined(input.Rating))
            errors.Add(new(nameof(input.Rating), "rating.unsupported"));
        return errors;
    }

    /// <summary>A music video's song, lyrics and excerpt (the song itself was checked when it was received).</summary>
    public static IEnumerable<ValidationError> ValidateSong(CheckpointInput input)
    {
        if (string.IsNullOrWhiteSpace(input.SongKey) || input.SongSeconds is not { } seconds || seconds <= 0)
        {
            yield return new("Song", MusicVideos.SongRules.SongRequired);
        }
        else
        {
            if (seconds > MusicVideos.SongRules.MaxSeconds + 0.5)
                yield return new("Song", MusicVideos.SongRules.SongTooLong, MusicVideos.SongRules.MaxSeconds / 60);
            if (MusicVideos.SongRules.ValidateExcerpt(input.ExcerptStartSeconds, input.ExcerptEndSeconds, seconds) is { } excerpt)
                yield return excerpt;
        }
        if (!MusicVideos.LyricsParser.TryParse(input.Lyrics, out _, out var lyricsError))
            yield return lyricsError!.ToValidationError(nameof(input.Lyrics));
    }

    public static ValidationError? ValidateTitle(string? title)
    {
        var trimmed = title?.Trim() ?? "";
        if (trimmed.Length == 0)
            return new(nameof(CheckpointInput.Title), "title.required");
        if (trimmed.Length > Project.TitleMaxLength)
            return new(nameof(CheckpointInput.Title), "title.too_long", Project.TitleMaxLength);
        return null;
    }
}
