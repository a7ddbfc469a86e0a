using DreamX.Domain.Generation.Stages;
using DreamX.Domain.Scripts;

namespace DreamX.Infrastructure.Providers.Builtin.StoryWriter;

/// <summary>
/// A scene cut into shots: an establishing shot (carrying the opening narration when there is one), then a shot per line,
/// framed by beat and emotion, each lasting its line plus 1-2 s, tuned so the scene fills its planned screen time.
/// </summary>
internal static class ShotListWriter
{
    /// <summary>The scene's length at the default pacing (what the script writer sizes episodes with).</summary>
    public static decimal NaturalSeconds(IReadOnlyList<ScriptLine> lines, bool chinese) =>
        Plan(lines).Sum(p => p.Line is null ? Pacing.DefaultSilent : Pacing.ShotSeconds(p.Line.Text, chinese));

    public static ShotListDraft Write(ShotListContext context)
    {
        var scene = context.Scene;
        var zh = GenreTemplates.LanguageOf(context.Checkpoint.Language) == "zh-CN";
        var plan = Plan(scene.Lines);
        var natural = NaturalSeconds(scene.Lines, zh);
        var adjust = plan.Count == 0 ? 0 : (scene.TargetSeconds - natural) / plan.Count;
        var durations = plan.Select(p => p.Line is null
            ? Pacing.Round(Math.Clamp(Pacing.DefaultSilent + adjust, Pacing.MinSilent, Pacing.MaxSilent))
            : Pacing.ShotSeconds(p.Line.Text, zh, Pacing.DefaultTail + adjust)).ToList();
        AddReactionShots(plan, durations, scene.TargetSeconds - durations.Sum());

        var characters = context.Characters.ToDictionary(c => c.Key);
        var shots = new List<ShotDraft>();
        for (var i = 0; i < plan.Count; i++)
        {
            var planned = plan[i];
            var last = i == plan.Count - 1;
            var type = last && context.EndsEpisode ? ShotType.ExtremeCloseUp : planned.Type;
            var move = last && context.EndsEpisode ? CameraMove.ZoomIn : planned.Move;
            var visible = (planned.Reacting is { } reacting ? [reacting] : Visible(planned, scene, plan, i)).Where(characters.ContainsKey).ToList();
            var transition = i > 0 ? ShotTransition.Cut : scene.Number == 1 ? ShotTransition.FadeThroughBlack : ShotTransition.Crossfade;
            var prompt = VisualPrompt(context, type, move, visible.Select(k => characters[k]).ToList(), ActionFor(scene, plan.Count, i), planned, zh);
            shots.Add(new ShotDraft(i + 1, type, move, durations[i], prompt, visible, planned.Line, transition));
        }
        return new ShotListDraft(context.EpisodeNumber, scene.Number, shots);
    }

    // When the lines alone leave the scene short of its planned time, silent reaction close-ups of the listener
    // follow the most charged lines (a short-drama staple) instead of stretching speech past its 1-2 s tail.
    private static void AddReactionShots(List<PlannedShot> plan, List<decimal> durations, decimal missing)
    {
        if (missing <= Pacing.MinSilent)
            return;
        var cues = plan.Select((shot, index) => (shot, index))
            // never after the closing line: the episode ends on its cliffhanger, not on a reaction to it
            .Where(c => c.index < plan.Count - 1 && c.shot.Line?.CharacterKey is not null && Listener(plan, c.index) is not null)
            .OrderByDescending(c => StoryWords.IsStrong(c.shot.Line!.Emotion))
            .ThenBy(c => c.index)
            .ToList();
        var count = Math.Min(cues.Count, (int)Math.Ceiling(missing / Pacing.MaxSilent));
        if (count == 0)
            return;
        var each = Pacing.Round(Math.Clamp(missing / count, Pacing.MinSilent, Pacing.MaxSilent));
        foreach (var (shot, index) in cues.Take(count).OrderByDescending(c => c.index))
        {
            plan.Insert(index + 1, new PlannedShot(ShotType.CloseUp, CameraMove.ZoomIn, null, Listener(plan, index), shot.Line!.Emotion));
            durations.Insert(index + 1, each);
        }
    }

    // Who hears a line: the last other character who spoke before it, else the next one to answer.
    private static string? Listener(List<PlannedShot> plan, int index)
    {
        var speaker = plan[index].Line?.CharacterKey;
        return plan.Take(index).Select(p => p.Line?.CharacterKey).LastOrDefault(k => k is not null && k != speaker)
            ?? plan.Skip(index + 1).Select(p => p.Line?.CharacterKey).FirstOrDefault(k => k is not null && k != speaker);
    }

    /// <summary>A shot before it is timed; a reaction shot has no line and shows <see cref="Reacting"/> taking in <see cref="ReactionTo"/>.</summary>
    private sealed record PlannedShot(ShotType Type, CameraMove Move, ScriptLine? Line, string? Reacting = null, string? ReactionTo = null);

    private static List<PlannedShot> Plan(IReadOnlyList<ScriptLine> lines)
    {
        var shots = new List<PlannedShot>();
        var rest = lines.AsEnumerable();
        if (lines.Count > 0 && lines[0].Kind == ScriptLineKind.Narration)
        {
            shots.Add(new PlannedShot(ShotType.Establishing, CameraMove.ZoomIn, lines[0]));
            rest = lines.Skip(1);
        }
        else
        {
            shots.Add(new PlannedShot(ShotType.Establishing, CameraMove.PanRight, null));
        }

        var alternate = false;
        foreach (var line in rest)
        {
            if (line.Kind == ScriptLineKind.Narration)
                shots.Add(new PlannedShot(ShotType.MediumWide, CameraMove.PanLeft, line));
            else if (StoryWords.IsStrong(line.Emotion))
                shots.Add(new PlannedShot(ShotType.CloseUp, CameraMove.ZoomIn, line));
            else
            {
                // Shot / reverse shot: alternate framings so a dialogue does not sit on one picture.
                shots.Add(alternate
                    ? new PlannedShot(ShotType.MediumCloseUp, CameraMove.Static, line)
                    : new PlannedShot(ShotType.Medium, CameraMove.ZoomIn, line));
                alternate = !alternate;
            }
        }
        return shots;
    }

    // Wide shots show everyone in the scene; a medium shot the speaker and who they answer; a close-up the speaker alone.
    private static IEnumerable<string> Visible(PlannedShot shot, SceneDraft scene, List<PlannedShot> plan, int index)
    {
        if (shot.Type is ShotType.Establishing or ShotType.Wide or ShotType.MediumWide || shot.Line?.CharacterKey is null)
            return scene.CharacterKeys;
        var speaker = shot.Line.CharacterKey;
        if (shot.Type is ShotType.CloseUp or ShotType.MediumCloseUp or ShotType.ExtremeCloseUp)
            return [speaker];
        var answered = plan.Take(index).Select(p => p.Line?.CharacterKey).LastOrDefault(k => k is not null && k != speaker);
        return answered is null ? [speaker] : [speaker, answered];
    }

    // The first action sets the scene; the last one (often the twist) plays under the closing shots; others spread between.
    private static string ActionFor(SceneDraft scene, int shotCount, int index)
    {
        var actions = scene.ActionLines;
        if (actions.Count == 0)
            return "";
        if (actions.Count == 1 || index == 0)
            return actions[0];
        if (index >= shotCount - 2)
            return actions[^1];
        var middle = actions.Count - 2;
        return middle <= 0 ? actions[0] : actions[1 + Math.Min(middle - 1, (index - 1) * middle / Math.Max(1, shotCount - 3))];
    }

    private static string VisualPrompt(ShotListContext context, ShotType type, CameraMove move, IReadOnlyList<CharacterDraft> visible, string action, PlannedShot planned, bool zh)
    {
        var line = planned.Line;
        var scene = context.Scene;
        var style = StoryWords.StyleName(context.Checkpoint, zh);
        var lighting = context.Design?.Lighting ?? StoryWords.Lighting(scene.Setting, scene.TimeOfDay, zh);
        var people = StoryWords.Looks(visible, zh);
        var speaking = line switch
        {
            { CharacterKey: { } key } when visible.FirstOrDefault(c => c.Key == key) is { } speaker =>
                zh ? $"{speaker.Name}神情{line.Emotion}地说话" : $"{speaker.Name} speaking, {line.Emotion}",
            { Kind: ScriptLineKind.Narration } => zh ? $"旁白画面，情绪{line.Emotion}" : $"narrated moment, {line.Emotion}",
            null when planned.ReactionTo is not null && visible.Count > 0 =>
                zh ? $"{visible[0].Name}沉默不语，对“{planned.ReactionTo}”的话作出反应" : $"{visible[0].Name} reacts in silence to a {planned.ReactionTo} line",
            _ => "",
        };

        var parts = zh
            ? new[] { $"{style}风格", $"{StoryWords.Shot(type, zh)}，{StoryWords.Camera(move, zh)}", $"场景：{scene.Location}，{StoryWords.Time(scene.TimeOfDay, zh)}，{lighting}", people.Length > 0 ? $"人物：{people}" : "", action.Length > 0 ? $"画面：{action}" : "", speaking, context.Checkpoint.StylePrompt }
            : new[] { $"{style} style", $"{StoryWords.Shot(type, zh)}, {StoryWords.Camera(move, zh)}", $"{scene.Location}, {StoryWords.Time(scene.TimeOfDay, zh)}, {lighting}", people.Length > 0 ? $"characters: {people}" : "", action.Length > 0 ? $"action: {action}" : "", speaking, context.Checkpoint.StylePrompt };
        return string.Join(zh ? "。" : ". ", parts.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => Sentence(p.TrimEnd('。', '.', ' '), zh))) + (zh ? "。" : ".");
    }

    private static string Sentence(string part, bool zh) => zh || part.Length == 0 ? part : char.ToUpperInvariant(part[0]) + part[1..];
}
