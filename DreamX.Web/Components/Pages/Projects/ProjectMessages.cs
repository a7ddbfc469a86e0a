using DreamX.Domain.Common;
using DreamX.Domain.Projects;
using DreamX.Domain.Subscriptions;
using DreamX.Infrastructure.Projects;
using DreamX.Web.Localization;
using Microsoft.Extensions.Localization;

namespace DreamX.Web.Components.Pages.Projects;

/// <summary>Turns the domain's rule codes into sentences in the creator's language.</summary>
public static class ProjectMessages
{
    public static string Describe(this IStringLocalizer<ProjectsText> text, ValidationError error) =>
        text[$"Rule.{error.Code}", error.Arguments];

    /// <summary>For a failed service call, whose result carries the code alone: the limits come from the rules.</summary>
    public static string Describe(this IStringLocalizer<ProjectsText> text, string? code, SubscriptionTier plan = SubscriptionTier.Starter)
    {
        object[] arguments = code switch
        {
            CheckpointRules.PlanEpisodesCode => [TierLimits.For(plan).MaxEpisodesPerProject, plan.ToString()],
            ScriptFiles.TooLarge => [ScriptFiles.MaxBytes / (1024 * 1024)],
            "title.too_long" => [Project.TitleMaxLength],
            "idea.too_short" => [CheckpointRules.IdeaMinLength],
            "idea.too_long" => [CheckpointRules.IdeaMaxLength],
            "episodes.multi_range" => [2, CheckpointRules.MaxEpisodes],
            "episodes.range" => [1, CheckpointRules.MaxEpisodes],
            "duration.range" => [CheckpointRules.MinEpisodeSeconds, CheckpointRules.MaxEpisodeSeconds],
            "note.pages_range" => [DreamX.Domain.Notes.NoteRules.MinPages, DreamX.Domain.Notes.NoteRules.MaxPages],
            DreamX.Domain.MusicVideos.SongRules.SongTooLong => [DreamX.Domain.MusicVideos.SongRules.MaxSeconds / 60],
            DreamX.Domain.MusicVideos.SongRules.ExcerptTooShort => [DreamX.Domain.MusicVideos.SongRules.MinExcerptSeconds],
            DreamX.Domain.MusicVideos.SongRules.ExcerptRange => [DreamX.Domain.MusicVideos.SongRules.MaxSeconds],
            // Without the parsed error the line is unknown here; the form names it (it checks the lyrics before submitting).
            { } lyrics when lyrics.StartsWith("lyrics.", StringComparison.Ordinal) => ["?", ""],
            _ => [],
        };
        var message = text[$"Rule.{code}", arguments];
        return message.ResourceNotFound ? code ?? "" : message.Value;
    }
}
