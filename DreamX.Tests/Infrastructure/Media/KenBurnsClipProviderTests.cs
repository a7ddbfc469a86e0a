using System.Diagnostics;
using DreamX.Domain.Generation.Providers;
using DreamX.Domain.Scripts;
using DreamX.Infrastructure.Providers.Builtin;
using DreamX.Tests.Support;
using FFMpegCore;

namespace DreamX.Tests.Infrastructure.Media;

public sealed class KenBurnsClipProviderTests
{
    private readonly KenBurnsClipProvider _clips = new();

    [Theory]
    [InlineData(CameraMove.ZoomIn)]
    [InlineData(CameraMove.PanLeft)]
    [InlineData(CameraMove.PanDown)]
    [InlineData(CameraMove.Static)]
    public async Task A_still_becomes_an_h264_yuv420p_clip_of_the_exact_duration_and_size(CameraMove move)
    {
        var still = await Still(720, 1280);

        var clip = await _clips.RenderClipAsync(new ClipRequest(still, "image/png", move, TimeSpan.FromSeconds(3), 720, 1280, 24), CancellationToken.None);

        var path = SaveArtifact(clip, $"clip-{move}");
        var probe = await FFProbe.AnalyseAsync(path);
        var video = Assert.Single(probe.VideoStreams);
        Assert.Equal(("h264", "yuv420p", 720, 1280), (video.CodecName, video.PixelFormat, video.Width, video.Height));
        Assert.Equal(24, video.AverageFrameRate, 1);
        Assert.InRange(probe.Duration.TotalSeconds, 2.95, 3.05);
        Assert.Empty(probe.AudioStreams);
    }

    [Fact]
    public async Task A_landscape_clip_from_a_portrait_still_is_cropped_to_the_requested_frame()
    {
        var still = await Still(720, 1280);

        var clip = await _clips.RenderClipAsync(new ClipRequest(still, "image/png", CameraMove.PanRight, TimeSpan.FromSeconds(1.5), 640, 360, 25), CancellationToken.None);

        var probe = await FFProbe.AnalyseAsync(SaveArtifact(clip, "clip-landscape"));
        Assert.Equal((640, 360), (probe.PrimaryVideoStream!.Width, probe.PrimaryVideoStream.Height));
        Assert.InRange(probe.Duration.TotalSeconds, 1.45, 1.55);
    }

    [Fact]
    public async Task Cancelling_stops_the_render()
    {
        var still = await Still(720, 1280);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(150));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _clips.RenderClipAsync(new ClipRequest(still, "image/png", CameraMove.ZoomIn, TimeSpan.FromSeconds(30), 720, 1280, 24), cancel.Token));
    }

    [Fact]
    public async Task An_odd_frame_size_is_refused_with_a_reason()
    {
        var still = await Still(720, 1280);

        var failure = await Assert.ThrowsAsync<ProviderFailure>(() =>
            _clips.RenderClipAsync(new ClipRequest(still, "image/png", CameraMove.ZoomIn, TimeSpan.FromSeconds(1), 721, 1280), CancellationToken.None));

        Assert.False(failure.IsTransient);
    }

    private static async Task<byte[]> Still(int width, int height)
    {
        var image = await new BuiltinIllustrator().GenerateImageAsync(
            new ImageRequest("clip still", width, height, "test", ["#0B132B", "#1C2541", "#3A506B", "#5BC0BE", "#F2E9E4"], ImageKind.ShotFrame,
                ShotType.Wide, [new ImageCharacter("Ava", "a woman in a green coat")], "city street at night", "Keep moving."),
            CancellationToken.None);
        return image.Content;
    }

    private static string SaveArtifact(ClipResponse clip, string name)
    {
        var dir = Path.Combine(TestEnvironment.ArtifactsDirectory, "clips");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name + ".mp4");
        File.WriteAllBytes(path, clip.Content);
        return path;
    }
}
