using DreamX.Domain.Generation.Stages;
using DreamX.Domain.Scripts;

namespace DreamX.Infrastructure.Providers.Builtin.StoryWriter;

/// <summary>
/// A script-based project's episode script: the creator's own scenes, action and lines, as pasted, with the speakers
/// as the cast's characters. Nothing is invented or cut; each scene's screen time is what its lines take to say.
/// </summary>
internal static class PastedScriptWriter
{
    /// <summary>
    /// The episode's draft, or null when the paste has no scenes for it (the genre writer then writes one). Speakers
    /// are found in <paramref name="written"/> (the cast as read from the script), so a character the creator renamed
    /// on its card still says the script's lines.
    /// </summary>
    public static ScriptDraft? Write(ScriptContext context, PastedScript pasted, StoryCast cast, StoryCast written)
    {
        var (title, scenes) = ScenesOf(pasted, context.EpisodeNumber, Math.Max(1, context.Checkpoint.EpisodeCount));
        if (scenes.Count == 0)
            return null;

        var keys = written.Characters.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Key, StringComparer.OrdinalIgnoreCase);
        var drafts = scenes.Select((scene, i) => Draft(scene, i + 1, cast, keys)).ToList();
        var spoken = drafts.SelectMany(d => d.Lines).ToList();
        var plan = context.Bible.EpisodePlan.FirstOrDefault(p => p.Number == context.EpisodeNumber);
        var separator = cast.Chinese ? "" : " ";
        return new ScriptDraft(
            context.EpisodeNumber,
            title ?? plan?.Title ?? context.Checkpoint.Title,
            plan?.Summary ?? string.Join(separator, scenes.SelectMany(s => s.Actions).Take(2)),
            spoken.FirstOrDefault()?.Text ?? scenes[0].Actions.FirstOrDefault() ?? "",
            spoken.LastOrDefault()?.Text ?? scenes[^1].Actions.LastOrDefault() ?? "",
            drafts);
    }

    /// <summary>
    /// The bible of a pasted script, read from it rather than from the genre's story: the logline is its opening
    /// (first action and first line), the synopsis each scene's first action, the world its locations, and each
    /// episode's plan its own title, opening action, first line (the hook) and last line (the cliffhanger). Genre,
    /// themes and tone are the genre's, as detected from the script's words.
    /// </summary>
    public static StoryBibleDraft Bible(StoryCheckpoint checkpoint, PastedScript pasted, GenreTemplate template, StoryCast cast)
    {
        var zh = cast.Chinese;
        var scenes = pasted.Episodes.SelectMany(e => e.Scenes).ToList();
        var episodes = Math.Max(1, checkpoint.EpisodeCount);
        var plan = Enumerable.Range(1, episodes).Select(n =>
        {
            var (title, own) = ScenesOf(pasted, n, episodes);
            var lines = own.SelectMany(s => s.Lines).ToList();
            return new Domain.Stories.EpisodePlanEntry(
                n,
                title ?? (zh ? $"第{n}集" : $"Episode {n}"),
                Join(own.Select(s => s.Actions.FirstOrDefault()).OfType<string>().Take(2), zh),
                lines.FirstOrDefault()?.Text ?? "",
                lines.LastOrDefault()?.Text ?? "");
        }).ToList();
        var opening = scenes.SelectMany(s => s.Actions).FirstOrDefault();
        var firstLine = scenes.SelectMany(s => s.Lines).FirstOrDefault()?.Text;
        var logline = Join(new[] { opening, firstLine is null ? null : zh ? $"“{firstLine}”" : $"\"{firstLine}\"" }.OfType<string>(), zh);
        var places = scenes.Select(s => s.Location).Where(l => l.Length > 0).Distinct().ToList();
        var world = places.Count == 0 ? cast.Place : (zh ? "故事发生在：" + string.Join("、", places) + "。" : "Set in " + string.Join(", ", places) + ".");
        var bibleTitle = string.IsNullOrWhiteSpace(checkpoint.Title) ? plan[0].Title : checkpoint.Title.Trim();
        return new StoryBibleDraft(
            bibleTitle, template.Genre, logline, Join(scenes.Select(s => s.Actions.FirstOrDefault()).OfType<string>(), zh), world,
            template.Themes, template.Tone, plan);
    }

    private static string Join(IEnumerable<string> sentences, bool zh) => string.Join(zh ? "" : " ", sentences);

    /// <summary>
    /// The paste's own episode when it marks as many as the project has; otherwise its scenes in order, shared out
    /// evenly over the project's episodes.
    /// </summary>
    private static (string? Title, IReadOnlyList<PastedScene> Scenes) ScenesOf(PastedScript pasted, int episode, int episodes)
    {
        if (pasted.Episodes.Count >= episodes)
            return pasted.Episodes.ElementAtOrDefault(episode - 1) is { } marked ? (marked.Title, marked.Scenes) : (null, []);
        var all = pasted.Episodes.SelectMany(e => e.Scenes).ToList();
        var per = (int)Math.Ceiling(all.Count / (double)episodes);
        return (null, all.Skip((episode - 1) * per).Take(per).ToList());
    }

    private static SceneDraft Draft(PastedScene scene, int number, StoryCast cast, IReadOnlyDictionary<string, string> keyByName)
    {
        var lines = scene.Lines.Select(l => Line(l, cast.Chinese, keyByName)).ToList();
        var keys = lines.Where(l => l.CharacterKey is not null).Select(l => l.CharacterKey!)
            .Concat(cast.Characters.Where(c => scene.Actions.Any(a => a.Contains(c.Name, StringComparison.OrdinalIgnoreCase))).Select(c => c.Key))
            .Distinct()
            .ToList();
        var location = scene.Location.Length > 0 ? scene.Location : cast.Place;
        return new SceneDraft(number, scene.Setting, location, scene.TimeOfDay, scene.Actions, lines, keys,
            Pacing.Round(ShotListWriter.NaturalSeconds(lines, cast.Chinese)));
    }

    // A speaker the cast does not hold (beyond its size) is read by the narrator, with the name, so nothing is lost.
    private static ScriptLine Line(PastedLine line, bool chinese, IReadOnlyDictionary<string, string> keyByName)
    {
        var emotion = line.Emotion ?? "neutral";
        if (line.Speaker is null)
            return new ScriptLine(ScriptLineKind.Narration, null, line.Text, emotion);
        return keyByName.TryGetValue(line.Speaker, out var key)
            ? new ScriptLine(ScriptLineKind.Dialogue, key, line.Text, emotion)
            : new ScriptLine(ScriptLineKind.Narration, null, $"{line.Speaker}{(chinese ? "：" : ": ")}{line.Text}", emotion);
    }
}
