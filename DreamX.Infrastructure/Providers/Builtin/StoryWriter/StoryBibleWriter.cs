using DreamX.Domain.Generation.Stages;
using DreamX.Domain.Projects;
using DreamX.Domain.Scripts;
using DreamX.Domain.Stories;

namespace DreamX.Infrastructure.Providers.Builtin.StoryWriter;

/// <summary>The bible: logline, synopsis, world, themes, tone and one plan entry per episode (a pasted script's are read from it; a music video's is its visual concept).</summary>
internal static class StoryBibleWriter
{
    public static StoryBibleDraft Write(StoryBibleContext context)
    {
        var checkpoint = context.Checkpoint;
        // A music video's bible is its visual concept, not a story.
        if (checkpoint.Type == ProjectType.MusicMv)
            return MusicVideoConceptWriter.Write(context);
        var template = IdeaStory.For(checkpoint.Genre ?? context.Brief?.Genre, checkpoint);
        var cast = StoryCast.From(checkpoint, template);
        if (checkpoint.Type == ProjectType.ScriptBased && PastedScript.Parse(checkpoint.Idea) is { HasScenes: true } pasted)
            return PastedScriptWriter.Bible(checkpoint, pasted, template, cast);
        var outline = StoryOutline.Plan(template, checkpoint.EpisodeCount, checkpoint.EpisodeDurationSeconds);
        var zh = template.IsChinese;

        var plan = outline.Select(episode => new EpisodePlanEntry(
            episode.Number,
            cast.Fill(episode.Sections[^1].Title),
            Join(episode.Sections.Select(s => cast.Fill(s.Summary)), zh),
            StoryLines.Gist(episode.Hook, cast),
            StoryLines.Gist(episode.Cliffhanger, cast))).ToList();

        var synopsis = Join(outline.SelectMany(e => e.Sections).Distinct().Select(s => cast.Fill(s.Summary)).Append(cast.Fill(template.Ending)), zh);
        var title = string.IsNullOrWhiteSpace(checkpoint.Title) ? cast.Fill(template.Title) : checkpoint.Title.Trim();
        return new StoryBibleDraft(
            title, template.Genre, cast.Fill(template.Logline), synopsis, cast.Fill(template.World),
            template.Themes, template.Tone, plan);
    }

    private static string Join(IEnumerable<string> sentences, bool zh) => string.Join(zh ? "" : " ", sentences);
}
