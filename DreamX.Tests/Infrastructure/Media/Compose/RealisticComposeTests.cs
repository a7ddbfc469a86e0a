using DreamX.Domain.Projects;
using DreamX.Infrastructure.Media.Compose;
using DreamX.Tests.Support;
using FFMpegCore;

namespace DreamX.Tests.Infrastructure.Media.Compose;

public sealed class RealisticComposeTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dreamx-compose-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A 720p 9:16 episode with English and Chinese lines and a music file, kept under
    /// TestResults/artifacts/compose with a few frames for a person to look at.</summary>
    [Fact]
    public async Task A_720p_episode_with_chinese_subtitles_and_music_renders_and_is_kept_for_review()
    {
        string?[] lines = ["The rain has not stopped for three days.", "我们今晚必须离开这座城市。", null, "Then we go together."];
        var shots = await SampleEpisode.CreateAsync(Path.Combine(_folder, "media"), lines, 2.5, 1080, 1920);
        var music = Path.Combine(_folder, "media", "music.wav");
        await ComposeProbe.FfmpegAsync("-f", "lavfi", "-i", "sine=f=330:d=4,volume=0.5", music);
        var artifacts = Path.Combine(TestEnvironment.ArtifactsDirectory, "compose");

        var result = await new EpisodeComposer().ComposeAsync(new ComposeRequest("sample-episode", shots, AspectRatio.Portrait9x16,
            ComposeMode.Final, Path.Combine(_folder, "work"), artifacts, MusicPath: music), CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error);
        var probe = await FFProbe.AnalyseAsync(result.Value.VideoPath);
        Assert.Equal((720, 1280), (probe.PrimaryVideoStream!.Width, probe.PrimaryVideoStream.Height));
        foreach (var (seconds, i) in new[] { 1.0, 3.5, 6.0, 9.0 }.Select((s, i) => (s, i)))
            await ComposeProbe.ExtractFrameAsync(result.Value.VideoPath, seconds, Path.Combine(artifacts, $"frame{i + 1}.png"));
    }
}
