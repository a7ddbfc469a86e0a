using DreamX.Domain.Generation.Stages;
using DreamX.Domain.Projects;
using DreamX.Domain.Scripts;

namespace DreamX.Infrastructure.Providers.Builtin.StoryWriter;

/// <summary>
/// One episode's script (a script-based project's comes from its pasted script, <see cref="PastedScriptWriter"/>): a scene per beat of the outline, the hook as the first line, the cliffhanger as the last,
/// optional lines cut until the episode fits its duration, and each scene's planned screen time.
/// </summary>
internal static class ScriptWriter
{
    // Optional lines are cut while the estimate is above this share of the target.
    private const decimal TrimAbove = 1.05m;

    public static ScriptDraft Write(ScriptContext context)
    {
        var checkpoint = context.Checkpoint;
        var template = IdeaStory.For(context.Bible.Genre, checkpoint);
        var written = StoryCast.From(checkpoint, template);
        var cast = written.With(context.Characters);
        if (checkpoint.Type == ProjectType.ScriptBased && PastedScriptWriter.Write(context, PastedScript.Parse(checkpoint.Idea), cast, written) is { } pasted)
            return pasted;
        var outline = StoryOutline.Plan(template, checkpoint.EpisodeCount, checkpoint.EpisodeDurationSeconds);
        var episode = outline[Math.Clamp(context.EpisodeNumber, 1, outline.Count) - 1];
        var plan = context.Bible.EpisodePlan.FirstOrDefault(p => p.Number == context.EpisodeNumber);
        var hookText = plan?.Hook is { Length: > 0 } h ? h : StoryLines.Gist(episode.Hook, cast);
        var cliffhangerText = plan?.Cliffhanger is { Length: > 0 } c ? c : StoryLines.Gist(episode.Cliffhanger, cast);

        var scenes = episode.Sections.Select(section => new WorkingScene(section, cast)).ToList();
        scenes[0].Lines.InsertRange(0, episode.Hook.Lines.Select(l => (l, StoryLines.ToScriptLine(l, cast))));
        scenes[^1].Actions.AddRange(episode.Cliffhanger.Actions.Select(cast.Fill));
        scenes[^1].Lines.AddRange(episode.Cliffhanger.Lines.Select(l => (l with { Optional = false }, StoryLines.ToScriptLine(l, cast))));
        ReplaceText(scenes[0].Lines, 0, hookText);
        ReplaceText(scenes[^1].Lines, scenes[^1].Lines.Count - 1, cliffhangerText);

        var target = (decimal)checkpoint.EpisodeDurationSeconds;
        while (scenes.Sum(s => s.NaturalSeconds(cast.Chinese)) > target * TrimAbove && CutOneOptionalExchange(scenes))
        {
        }
        // Still too long (an idea's own opening can run long): drop further lines from the middle of the longest scene,
        // never the hook, the cliffhanger or a scene's last two lines, so the episode keeps its promised length.
        while (scenes.Sum(s => s.NaturalSeconds(cast.Chinese)) > target * TrimAbove && CutOneLine(scenes, cast.Chinese, keep: 2))
        {
        }
        // A short episode (30 s holds the three beats of a one-episode story with little room for talk): each scene keeps
        // only its closing line (the first scene its hook too, the last its cliffhanger) before the episode may overrun.
        while (scenes.Sum(s => s.NaturalSeconds(cast.Chinese)) > target * TrimAbove && CutOneLine(scenes, cast.Chinese, keep: 1))
        {
        }
        // A very short episode (15 s is little more than a hook and a cliffhanger): the middle scenes may go silent (their
        // action on screen, no line) and the first keeps only its hook; the hook and the cliffhanger always stay.
        while (scenes.Sum(s => s.NaturalSeconds(cast.Chinese)) > target * TrimAbove && CutOneLine(scenes, cast.Chinese, keep: 0))
        {
        }

        var natural = scenes.Select(s => s.NaturalSeconds(cast.Chinese)).ToList();
        var scale = target / natural.Sum();
        var drafts = scenes.Select((scene, i) => scene.ToDraft(i + 1, Pacing.Round(natural[i] * scale), cast)).ToList();

        return new ScriptDraft(
            context.EpisodeNumber,
            plan?.Title ?? cast.Fill(episode.Sections[^1].Title),
            plan?.Summary ?? string.Join(cast.Chinese ? "" : " ", episode.Sections.Select(s => cast.Fill(s.Summary))),
            hookText,
            cliffhangerText,
            drafts);
    }

    private static void ReplaceText(List<(TemplateLine Template, ScriptLine Line)> lines, int index, string text)
    {
        if (index >= 0 && index < lines.Count)
            lines[index] = (lines[index].Template, lines[index].Line with { Text = text });
    }

    // Cuts the last run of optional lines (a question and the answer that needs it go together) from the longest
    // scene that has one; false when nothing optional is left.
    private static bool CutOneOptionalExchange(List<WorkingScene> scenes)
    {
        foreach (var scene in scenes.OrderByDescending(s => s.Lines.Count))
        {
            var end = scene.Lines.FindLastIndex(l => l.Template.Optional);
            if (end < 0)
                continue;
            var start = end;
            while (start > 0 && scene.Lines[start - 1].Template.Optional)
                start--;
            scene.Lines.RemoveRange(start, end - start + 1);
            return true;
        }
        return false;
    }

    /// <param name="keep">How many of a scene's last lines stay: its closing line (the cliffhanger in the last scene),
    /// with 2 the one before it too, with 0 none (the last scene always keeps its cliffhanger).</param>
    private static bool CutOneLine(List<WorkingScene> scenes, bool chinese, int keep)
    {
        foreach (var scene in scenes.Where(s => s.Lines.Count > keep).OrderByDescending(s => s.NaturalSeconds(chinese)))
        {
            var first = scene == scenes[0] ? 1 : 0; // the hook opens the first scene
            var last = scene.Lines.Count - (scene == scenes[^1] ? Math.Max(keep, 1) : keep);
            if (last <= first)
                continue;
            var longest = Enumerable.Range(first, last - first).OrderByDescending(i => scene.Lines[i].Line.Text.Length).First();
            scene.Lines.RemoveAt(longest);
            return true;
        }
        return false;
    }

    private sealed class WorkingScene(TemplateSection section, StoryCast cast)
    {
        public List<string> Actions { get; } = section.Actions.Select(cast.Fill).ToList();
        public List<(TemplateLine Template, ScriptLine Line)> Lines { get; } =
            section.Lines.Select(l => (l, StoryLines.ToScriptLine(l, cast))).ToList();

        public decimal NaturalSeconds(bool chinese) => ShotListWriter.NaturalSeconds(Lines.Select(l => l.Line).ToList(), chinese);

        public SceneDraft ToDraft(int number, decimal targetSeconds, StoryCast cast)
        {
            var lines = Lines.Select(l => l.Line).ToList();
            var keys = lines.Where(l => l.CharacterKey is not null).Select(l => l.CharacterKey!)
                .Concat(cast.Characters.Where(c => Actions.Any(a => a.Contains(cast.NameOf(c.Key), StringComparison.Ordinal))).Select(c => c.Key))
                .Distinct()
                .ToList();
            return new SceneDraft(number, section.Setting, cast.Fill(section.Location), section.TimeOfDay, Actions, lines, keys, targetSeconds);
        }
    }
}
