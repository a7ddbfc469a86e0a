using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using FFMpegCore;

namespace DreamX.Tests.Infrastructure.Media.Compose;

public partial class EpisodeComposerTests(ComposedEpisodeFixture composed) : IClassFixture<ComposedEpisodeFixture>
{
    [Fact]
    public async Task The_episode_is_h264_and_aac_in_yuv420p()
    {
        var probe = await FFProbe.AnalyseAsync(composed.Episode.VideoPath);

        Assert.Equal("h264", probe.PrimaryVideoStream!.CodecName);
        Assert.Equal("aac", probe.PrimaryAudioStream!.CodecName);
        Assert.Equal("yuv420p", probe.PrimaryVideoStream.PixelFormat);
    }

    [Fact]
    public async Task The_episode_has_the_frame_size_of_its_aspect_ratio()
    {
        var probe = await FFProbe.AnalyseAsync(composed.Episode.VideoPath);

        Assert.Equal((240, 426), (probe.PrimaryVideoStream!.Width, probe.PrimaryVideoStream.Height));
        Assert.Equal((240, 426), (composed.Episode.Width, composed.Episode.Height));
    }

    [Fact]
    public async Task The_episode_lasts_as_long_as_its_timeline()
    {
        var probe = await FFProbe.AnalyseAsync(composed.Episode.VideoPath);

        Assert.InRange(probe.Duration.TotalSeconds, composed.Timeline.DurationSeconds - 0.1, composed.Timeline.DurationSeconds + 0.1);
    }

    [Fact]
    public async Task Picture_and_sound_end_together()
    {
        var probe = await FFProbe.AnalyseAsync(composed.Episode.VideoPath);

        var gap = Math.Abs(probe.PrimaryVideoStream!.Duration.TotalSeconds - probe.PrimaryAudioStream!.Duration.TotalSeconds);
        Assert.True(gap <= 0.05, $"video and audio differ by {gap:F3} s");
    }

    [Fact]
    public async Task The_mix_is_normalised_to_minus_16_LUFS()
    {
        var loudness = await ComposeProbe.IntegratedLoudnessAsync(composed.Episode.VideoPath);

        Assert.InRange(loudness, -17, -15);
    }

    [Fact]
    public async Task The_srt_has_one_cue_per_spoken_line_at_its_time()
    {
        var srt = await File.ReadAllTextAsync(composed.Episode.SubtitlesPath);

        var cues = SrtCue().Matches(srt).Select(m => (Start: Seconds(m.Groups[1].Value), End: Seconds(m.Groups[2].Value), Text: m.Groups[3].Value.Trim())).ToList();
        var spoken = composed.Timeline.Shots.Where(s => s.Shot.Audio is not null).ToList();
        Assert.Equal(spoken.Select(s => s.Shot.Audio!.Text), cues.Select(c => c.Text));
        Assert.All(cues.Zip(spoken), pair =>
        {
            Assert.Equal(pair.Second.AudioStartSeconds!.Value, pair.First.Start, 2);
            Assert.Equal(pair.Second.AudioStartSeconds!.Value + pair.Second.Shot.Audio!.DurationSeconds, pair.First.End, 2);
        });
    }

    [Fact]
    public async Task The_cover_is_a_frame_of_the_episode()
    {
        var probe = await FFProbe.AnalyseAsync(composed.Episode.CoverPath);

        Assert.Equal((240, 426), (probe.PrimaryVideoStream!.Width, probe.PrimaryVideoStream.Height));
    }

    [Fact]
    public async Task The_otio_timeline_has_a_video_clip_per_shot_and_a_dialogue_clip_per_line()
    {
        using var otio = JsonDocument.Parse(await File.ReadAllTextAsync(composed.Episode.TimelinePath));

        var tracks = otio.RootElement.GetProperty("tracks").GetProperty("children").EnumerateArray().ToList();
        int ClipsOf(string track) => tracks.Single(t => t.GetProperty("name").GetString() == track)
            .GetProperty("children").EnumerateArray().Count(c => c.GetProperty("OTIO_SCHEMA").GetString() == "Clip.1");
        Assert.Equal(4, ClipsOf("Video"));
        Assert.Equal(3, ClipsOf("Dialogue"));
        Assert.Equal(3, otio.RootElement.GetProperty("tracks").GetProperty("markers").GetArrayLength());
    }

    private static double Seconds(string srtTime) =>
        TimeSpan.ParseExact(srtTime, @"hh\:mm\:ss\,fff", CultureInfo.InvariantCulture).TotalSeconds;

    [GeneratedRegex(@"\d+\n(\S+) --> (\S+)\n(.+?)\n\n", RegexOptions.Singleline)]
    private static partial Regex SrtCue();
}
