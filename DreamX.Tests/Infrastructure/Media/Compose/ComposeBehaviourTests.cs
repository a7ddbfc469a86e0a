using DreamX.Domain.Media.Timeline;
using DreamX.Domain.Projects;
using DreamX.Domain.Scripts;
using DreamX.Infrastructure.Media.Compose;
using FFMpegCore;

namespace DreamX.Tests.Infrastructure.Media.Compose;

/// <summary>Compose behaviours that each need their own small episode.</summary>
public sealed class ComposeBehaviourTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dreamx-compose-" + Guid.NewGuid().ToString("N"));
    private readonly EpisodeComposer _composer = new();

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    private Task<List<TimelineShot>> ShotsAsync(params string?[] lines) =>
        SampleEpisode.CreateAsync(Path.Combine(_folder, "media"), lines, 1.5, 320, 320);

    private Task<DreamX.Domain.Common.Result<ComposedEpisode>> ComposeAsync(
        IReadOnlyList<TimelineShot> shots, AspectRatio ratio = AspectRatio.Portrait9x16, ComposeMode mode = ComposeMode.Final, string name = "episode") =>
        _composer.ComposeAsync(new ComposeRequest(name, shots, ratio, mode, Path.Combine(_folder, "work"), Path.Combine(_folder, "out"), ShortSide: 180),
            CancellationToken.None);

    [Theory]
    [InlineData(AspectRatio.Landscape16x9, 320, 180)]
    [InlineData(AspectRatio.Square1x1, 180, 180)]
    public async Task The_frame_size_follows_the_aspect_ratio(AspectRatio ratio, int width, int height)
    {
        var shots = await ShotsAsync("One.", null);

        var episode = (await ComposeAsync(shots, ratio)).Value;

        var video = (await FFProbe.AnalyseAsync(episode.VideoPath)).PrimaryVideoStream!;
        Assert.Equal((width, height), (video.Width, video.Height));
    }

    [Fact]
    public async Task Re_composing_after_one_shot_changed_re_renders_only_that_shot_and_the_transitions_touching_it()
    {
        // 1 -crossfade- 2 -fade through black- 3: four segments (shot 1, the crossfade, shot 2 fading out, shot 3 fading in).
        var shots = await ShotsAsync("One.", null, "Three.");
        var first = (await ComposeAsync(shots)).Value;
        SampleEpisode.WriteStill(shots[1].ImagePath!, 99, 320, 320);

        var again = (await ComposeAsync(shots)).Value;

        Assert.Equal((4, 0, true), (first.SegmentsRendered, first.SegmentsReused, first.SoundtrackMixed));
        Assert.Equal((1, 2), (again.ClipsRendered, again.ClipsReused));
        // Shot 2 and the crossfade into it; its fade to black is its own, so shot 3 (fading in from black) is reused.
        Assert.Equal((2, 2), (again.SegmentsRendered, again.SegmentsReused));
        Assert.False(again.SoundtrackMixed);
    }

    [Fact]
    public async Task A_re_voiced_line_of_the_same_length_re_mixes_only_the_sound()
    {
        var shots = await ShotsAsync("One.", null);
        var first = (await ComposeAsync(shots)).Value;
        var voice = shots[0].Audio!;
        var revoiced = Path.Combine(_folder, "media", "line1-again.wav");
        await ComposeProbe.FfmpegAsync("-f", "lavfi", "-i",
            $"sine=f=440:d={voice.DurationSeconds.ToString("F3", System.Globalization.CultureInfo.InvariantCulture)},volume=0.3", revoiced);

        var again = (await ComposeAsync([shots[0] with { Audio = voice with { Path = revoiced } }, shots[1]])).Value;

        Assert.True(again.SoundtrackMixed);
        Assert.Equal((0, first.SegmentsRendered), (again.SegmentsRendered, again.SegmentsReused));
        Assert.InRange(await ComposeProbe.IntegratedLoudnessAsync(again.VideoPath), -17, -15);
    }

    [Fact]
    public async Task A_changed_subtitle_re_renders_only_the_segment_it_shows_in_and_keeps_the_sound()
    {
        var shots = await ShotsAsync("One.", null);
        await ComposeAsync(shots);
        var retitled = shots.Select(s => s.Audio is null ? s : s with { Audio = s.Audio with { Text = "Uno." } }).ToList();

        var again = (await ComposeAsync(retitled)).Value;

        Assert.Equal((1, 2), (again.SegmentsRendered, again.SegmentsReused));
        Assert.False(again.SoundtrackMixed);
    }

    [Fact]
    public async Task Identical_shots_are_rendered_once_and_the_episode_has_all_of_them()
    {
        var made = await ShotsAsync(null, null, null);
        // Shots 1 and 2 show the same still with the same move and length, joined by cuts (as a repeated establishing shot).
        List<TimelineShot> shots =
        [
            made[0] with { Transition = ShotTransition.Cut },
            made[0] with { Number = 2, Transition = ShotTransition.Cut },
            made[2] with { SceneNumber = 1, Transition = ShotTransition.Cut },
        ];

        var result = await ComposeAsync(shots);

        Assert.True(result.IsSuccess, result.Error);
        Assert.Equal((2, 1), (result.Value.SegmentsRendered, result.Value.SegmentsReused));
        var expected = EpisodeTimeline.Build(shots).Value.DurationSeconds;
        var probe = await FFProbe.AnalyseAsync(result.Value.VideoPath);
        Assert.InRange(probe.Duration.TotalSeconds, expected - 0.1, expected + 0.1);
    }

    [Fact]
    public async Task A_missing_image_fails_naming_the_shot()
    {
        var shots = await ShotsAsync("One.", null, "Three.");
        File.Delete(shots[2].ImagePath!);

        var result = await ComposeAsync(shots);

        Assert.Equal("Shot 3 (scene 2): the image file is missing", result.Error);
    }

    [Fact]
    public async Task An_unreadable_audio_file_fails_naming_the_shot()
    {
        var shots = await ShotsAsync("One.", "Two.");
        await File.WriteAllTextAsync(shots[1].Audio!.Path, "not a wave file");

        var result = await ComposeAsync(shots);

        Assert.Equal("Shot 2 (scene 1): the audio file cannot be read", result.Error);
    }

    [Theory]
    [InlineData(ComposeMode.Final)]
    [InlineData(ComposeMode.Preview)]
    public async Task An_image_ffmpeg_cannot_decode_fails_naming_the_shot(ComposeMode mode)
    {
        var shots = await ShotsAsync(null, null);
        await File.WriteAllBytesAsync(shots[1].ImagePath!, [0x89, 0x50, 0x4E, 0x47, 1, 2, 3]);

        var result = await ComposeAsync(shots, mode: mode);

        Assert.StartsWith("Shot 2 (scene 1): its clip could not be rendered", result.Error);
    }

    [Fact]
    public async Task A_preview_is_smaller_and_at_a_lower_frame_rate()
    {
        var shots = await ShotsAsync("One.", null);

        var preview = (await ComposeAsync(shots, mode: ComposeMode.Preview)).Value;

        var video = (await FFProbe.AnalyseAsync(preview.VideoPath)).PrimaryVideoStream!;
        Assert.Equal((360, 640, 12.0), (video.Width, video.Height, video.AverageFrameRate));
    }

    [Fact]
    public async Task Subtitles_can_be_left_unburned_and_are_still_exported()
    {
        var shots = await ShotsAsync("One.", null);

        var episode = (await _composer.ComposeAsync(new ComposeRequest("plain", shots, AspectRatio.Square1x1, ComposeMode.Final,
            Path.Combine(_folder, "work"), Path.Combine(_folder, "out"), BurnSubtitles: false, ShortSide: 180), CancellationToken.None)).Value;

        Assert.Contains("One.", await File.ReadAllTextAsync(episode.SubtitlesPath));
        Assert.Empty(Directory.GetFiles(Path.Combine(_folder, "work"), "*.ass", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData(ComposeMode.Final)]
    [InlineData(ComposeMode.Preview)]
    public async Task A_compose_tells_how_far_its_picture_has_got_in_growing_shares_up_to_the_whole(ComposeMode mode)
    {
        var shots = await ShotsAsync("One.", null, "Three.", null);
        var told = new RecordedProgress();

        var episode = await _composer.ComposeAsync(new ComposeRequest("progress", shots, AspectRatio.Portrait9x16, mode,
            Path.Combine(_folder, "work"), Path.Combine(_folder, "out"), ShortSide: 180, Progress: told), CancellationToken.None);

        Assert.True(episode.IsSuccess, episode.Error);
        var shares = told.Values;
        Assert.Equal(0, shares[0]);
        Assert.Equal(1, shares[^1]);
        Assert.True(shares.Zip(shares.Skip(1)).All(pair => pair.First < pair.Second), string.Join(", ", shares));
        // A final encodes its segments (four shots and a crossfade) in runs, one ffmpeg per core: every segment whose
        // file is closed moves the share.
        if (mode == ComposeMode.Final)
            Assert.True(shares.Count(s => s is > 0 and < 1) >= 3, string.Join(", ", shares));
    }

    [Fact]
    public async Task A_recompose_from_the_cache_is_whole_at_once()
    {
        var shots = await ShotsAsync("One.", null);
        await ComposeAsync(shots);
        var told = new RecordedProgress();

        await _composer.ComposeAsync(new ComposeRequest("episode", shots, AspectRatio.Portrait9x16, ComposeMode.Final,
            Path.Combine(_folder, "work"), Path.Combine(_folder, "out"), ShortSide: 180, Progress: told), CancellationToken.None);

        Assert.Equal([1.0], told.Values);
    }

    [Fact]
    public async Task Ffmpeg_tells_the_seconds_it_has_written_while_it_encodes()
    {
        Directory.CreateDirectory(_folder);
        var seconds = new List<double>();

        // -re reads the test source in real time, so the two seconds take two seconds and ffmpeg reports on the way.
        var result = await FfmpegProcess.RunAsync(
            ["-re", "-f", "lavfi", "-i", "testsrc=d=2:s=64x64:r=10", "-c:v", "libx264", "-preset", "ultrafast", Path.Combine(_folder, "progress.mp4")],
            _folder, CancellationToken.None, s => { lock (seconds) seconds.Add(s); });

        Assert.True(result.IsSuccess, result.Error);
        Assert.Contains(seconds, s => s is > 0 and < 1.9);
        Assert.InRange(seconds[^1], 1.8, 2.1);
        Assert.Equal(seconds.Order(), seconds);
    }

    [Theory]
    [InlineData("out_time_us=1500000", 1.5)]
    [InlineData("out_time_us=N/A", null)]
    [InlineData("out_time_us=-5", null)]
    [InlineData("frame=12", null)]
    [InlineData(null, null)]
    public void A_progress_line_is_read_only_for_its_output_time(string? line, double? seconds) =>
        Assert.Equal(seconds, FfmpegProcess.ProgressSeconds(line));

    /// <summary>Records every share in the order it was told, on the reporting thread (no synchronisation context).</summary>
    private sealed class RecordedProgress : IProgress<double>
    {
        private readonly List<double> _values = [];

        public List<double> Values
        {
            get
            {
                lock (_values)
                    return _values.ToList();
            }
        }

        public void Report(double value)
        {
            lock (_values)
                _values.Add(value);
        }
    }
}
