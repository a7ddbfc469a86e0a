using DreamX.Domain.Media.Timeline;
using DreamX.Domain.Scripts;

namespace DreamX.Tests.Domain.Media.Timeline;

public class EpisodeTimelineTests
{
    private static readonly TimelineSettings Settings = TimelineSettings.Default;

    private static TimelineShot Shot(int number, int scene, double seconds, SpokenAudio? audio = null, ShotTransition? transition = null) =>
        new(number, scene, seconds, $"shot{number}.png", Audio: audio, Transition: transition);

    [Fact]
    public void Cuts_place_shots_end_to_end()
    {
        var timeline = EpisodeTimeline.Build([Shot(1, 1, 2), Shot(2, 1, 3)]).Value;

        Assert.Equal([0, 2], timeline.Shots.Select(s => s.StartSeconds));
        Assert.Equal(5, timeline.DurationSeconds, 6);
    }

    [Fact]
    public void A_crossfade_overlaps_the_two_shots_it_joins()
    {
        var timeline = EpisodeTimeline.Build([Shot(1, 1, 2), Shot(2, 1, 3, transition: ShotTransition.Crossfade)]).Value;

        Assert.Equal(2 - Settings.CrossfadeSeconds, timeline.Shots[1].StartSeconds, 6);
        Assert.Equal(5 - Settings.CrossfadeSeconds, timeline.DurationSeconds, 6);
    }

    [Fact]
    public void A_change_of_scene_fades_through_black_and_a_shot_within_a_scene_cuts_by_default()
    {
        var timeline = EpisodeTimeline.Build([Shot(1, 1, 2), Shot(2, 1, 2), Shot(3, 2, 2)]).Value;

        Assert.Equal([ShotTransition.Cut, ShotTransition.Cut, ShotTransition.FadeThroughBlack], timeline.Shots.Select(s => s.TransitionIn));
    }

    [Fact]
    public void A_shot_is_never_shorter_than_its_line_and_tail()
    {
        var line = new SpokenAudio("line.wav", 4.2, "A long line.", "Lin");

        var timeline = EpisodeTimeline.Build([Shot(1, 1, 2, line)]).Value;

        Assert.True(timeline.Shots[0].ClipSeconds >= 4.2 + Settings.TailSeconds);
    }

    [Fact]
    public void A_line_ends_before_the_next_transition_begins()
    {
        var line = new SpokenAudio("line.wav", 2.9, "Line.", "Lin");

        var timeline = EpisodeTimeline.Build([Shot(1, 1, 3, line), Shot(2, 2, 3)]).Value;

        var cue = timeline.Cues.Single();
        Assert.True(cue.EndSeconds + Settings.TailSeconds <= timeline.Shots[1].StartSeconds + 1e-9);
    }

    [Fact]
    public void A_line_starts_once_its_shot_is_fully_on_screen()
    {
        var line = new SpokenAudio("line.wav", 1, "Line.", null);

        var timeline = EpisodeTimeline.Build([Shot(1, 1, 3), Shot(2, 2, 3, line)]).Value;

        var second = timeline.Shots[1];
        Assert.Equal(second.StartSeconds + second.TransitionInSeconds + Settings.LeadSeconds, second.AudioStartSeconds!.Value, 6);
    }

    [Fact]
    public void Every_start_and_length_is_a_whole_number_of_preview_and_final_frames()
    {
        var line = new SpokenAudio("line.wav", 1.234, "Line.", null);

        var timeline = EpisodeTimeline.Build([Shot(1, 1, 2.01, line), Shot(2, 2, 1.7, transition: ShotTransition.Crossfade)]).Value;

        Assert.All(timeline.Shots, s =>
        {
            Assert.Equal(0, s.StartSeconds * 12 - Math.Round(s.StartSeconds * 12), 6);
            Assert.Equal(0, s.ClipSeconds * 12 - Math.Round(s.ClipSeconds * 12), 6);
        });
    }

    [Fact]
    public void Subtitle_cues_follow_the_spoken_lines()
    {
        var timeline = EpisodeTimeline.Build([
            Shot(1, 1, 2, new SpokenAudio("a.wav", 1, "First.", "Lin")),
            Shot(2, 1, 2),
            Shot(3, 2, 2, new SpokenAudio("c.wav", 1.5, "Third.", null)),
        ]).Value;

        Assert.Equal(["First.", "Third."], timeline.Cues.Select(c => c.Text));
        Assert.Equal([1, 3], timeline.Cues.Select(c => c.ShotNumber));
        Assert.Equal(1.5, timeline.Cues[1].EndSeconds - timeline.Cues[1].StartSeconds, 6);
    }

    [Fact]
    public void A_shot_with_neither_image_nor_clip_is_refused_naming_it()
    {
        var result = EpisodeTimeline.Build([Shot(1, 1, 2), new TimelineShot(2, 3, 2, null)]);

        Assert.Equal("Shot 2 (scene 3): it has neither an image nor a clip.", result.Error);
    }

    [Fact]
    public void The_clip_hash_changes_with_the_picture_but_not_with_the_line()
    {
        var plain = EpisodeTimeline.Build([Shot(1, 1, 3)]).Value.Shots[0];
        var spoken = EpisodeTimeline.Build([Shot(1, 1, 3, new SpokenAudio("a.wav", 1, "Hi.", null))]).Value.Shots[0];
        var moved = EpisodeTimeline.Build([Shot(1, 1, 3) with { CameraMove = CameraMove.ZoomIn }]).Value.Shots[0];

        Assert.Equal(plain.ClipContentHash("digest", "720"), spoken.ClipContentHash("digest", "720"));
        Assert.NotEqual(plain.ClipContentHash("digest", "720"), moved.ClipContentHash("digest", "720"));
        Assert.NotEqual(plain.ClipContentHash("digest", "720"), plain.ClipContentHash("other", "720"));
        Assert.NotEqual(plain.ClipContentHash("digest", "720"), plain.ClipContentHash("digest", "360"));
    }
}
