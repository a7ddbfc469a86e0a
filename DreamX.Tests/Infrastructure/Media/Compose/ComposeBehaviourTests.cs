using DreamX.Domain.Media.Timeline;
using DreamX.Domain.Projects;
using DreamX.Infrastructure.Media.Compose;
using FFMpegCore;

namespace DreamX.Tests.Infrastructure.Media.Compose;

/// <summary>Compose behaviours that each need their own small episode.</summary>
public sealed class ComposeBehaviourTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dreamx-compose-" + Guid.NewGuid().ToString("N"));
    private readonly EpisodeComposer _composer = new();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

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
    public async Task Re_composing_after_one_shot_changed_re_renders_only_that_shot()
    {
        var shots = await ShotsAsync("One.", null, "Three.");
        await ComposeAsync(shots);
        SampleEpisode.WriteStill(shots[1].ImagePath!, 99, 320, 320);

        var again = (await ComposeAsync(shots)).Value;

        Assert.Equal((1, 2), (again.ClipsRendered, again.ClipsReused));
    }

    [Fact]
    public async Task Changing_only_a_line_re_renders_no_shot_clip_when_the_shot_keeps_its_length()
    {
        var shots = await ShotsAsync("One.", null);
        await ComposeAsync(shots);
        var retitled = shots.Select(s => s.Audio is null ? s : s with { Audio = s.Audio with { Text = "Uno." } }).ToList();

        var again = (await ComposeAsync(retitled)).Value;

        Assert.Equal(0, again.ClipsRendered);
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
        Assert.False(File.Exists(Path.Combine(_folder, "work", "subtitles.ass")));
    }
}
