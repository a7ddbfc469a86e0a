using DreamX.Domain.Common;
using DreamX.Domain.Scripts;

namespace DreamX.Domain.Media.Timeline;

/// <summary>
/// When every shot, line and subtitle of an episode happens. Transitions overlap the two shots they join
/// (the later shot starts while the earlier one is still visible); a line starts once its shot is fully on
/// screen and ends before the next transition begins, so a shot is never shorter than its audio plus a tail.
/// </summary>
public sealed class EpisodeTimeline
{
    private EpisodeTimeline(IReadOnlyList<TimedShot> shots, IReadOnlyList<SubtitleCue> cues, double duration)
    {
        Shots = shots;
        Cues = cues;
        DurationSeconds = duration;
    }

    public IReadOnlyList<TimedShot> Shots { get; }
    public IReadOnlyList<SubtitleCue> Cues { get; }
    public double DurationSeconds { get; }

    public static Result<EpisodeTimeline> Build(IReadOnlyList<TimelineShot> shots, TimelineSettings? settings = null)
    {
        settings ??= TimelineSettings.Default;
        if (shots.Count == 0) return Result.Failure<EpisodeTimeline>("The episode has no shots to compose.");
        foreach (var shot in shots)
        {
            if (shot.ImagePath is null && shot.ClipPath is null)
                return Result.Failure<EpisodeTimeline>($"{Describe(shot)}: it has neither an image nor a clip.");
            if (shot.DurationSeconds <= 0)
                return Result.Failure<EpisodeTimeline>($"{Describe(shot)}: its duration must be positive.");
        }

        var transitions = shots.Select((shot, i) => TransitionInto(shots, i)).ToList();
        var overlaps = transitions.Select(t => OverlapOf(t, settings)).ToList();
        overlaps.Add(0); // nothing follows the last shot

        var timed = new List<TimedShot>(shots.Count);
        var cues = new List<SubtitleCue>();
        var start = 0.0;
        for (var i = 0; i < shots.Count; i++)
        {
            var shot = shots[i];
            var overlapIn = overlaps[i];
            var overlapOut = overlaps[i + 1];
            var clip = settings.Quantize(Math.Max(shot.DurationSeconds, MinimumClipSeconds(shot, overlapIn, overlapOut, settings)));
            double? audioStart = shot.Audio is null ? null : start + overlapIn + settings.LeadSeconds;
            timed.Add(new TimedShot(shot, start, clip, transitions[i], overlapIn, audioStart));
            if (shot.Audio is { } audio && audioStart is { } at && !string.IsNullOrWhiteSpace(audio.Text))
                cues.Add(new SubtitleCue(shot.Number, at, at + audio.DurationSeconds, audio.Text.Trim(), audio.Speaker));
            start += clip - overlapOut;
        }

        return new EpisodeTimeline(timed, cues, timed[^1].EndSeconds);
    }

    /// <summary>"Shot 3 (scene 2)": how failure reasons name a shot.</summary>
    public static string Describe(TimelineShot shot) => $"Shot {shot.Number} (scene {shot.SceneNumber})";

    /// <summary>The chosen transition, or by default a cut within a scene and a fade through black between scenes.</summary>
    private static ShotTransition TransitionInto(IReadOnlyList<TimelineShot> shots, int index)
    {
        if (index == 0) return ShotTransition.Cut;
        return shots[index].Transition
               ?? (shots[index].SceneNumber != shots[index - 1].SceneNumber ? ShotTransition.FadeThroughBlack : ShotTransition.Cut);
    }

    private static double OverlapOf(ShotTransition transition, TimelineSettings settings) => transition switch
    {
        ShotTransition.Crossfade => settings.Quantize(settings.CrossfadeSeconds),
        ShotTransition.FadeThroughBlack => settings.Quantize(settings.FadeThroughBlackSeconds),
        _ => 0,
    };

    /// <summary>Room for both transitions and, between them, the line with its lead and tail.</summary>
    private static double MinimumClipSeconds(TimelineShot shot, double overlapIn, double overlapOut, TimelineSettings settings)
    {
        var spoken = shot.Audio is { } audio ? settings.LeadSeconds + audio.DurationSeconds + settings.TailSeconds : 0;
        // A transition may not eat more than the whole clip: keep at least one quantum fully visible.
        return overlapIn + spoken + overlapOut + (spoken == 0 ? settings.FrameQuantumSeconds : 0);
    }
}
