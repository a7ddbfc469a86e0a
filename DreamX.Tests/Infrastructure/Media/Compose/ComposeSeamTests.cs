using System.Globalization;
using System.Text.RegularExpressions;
using DreamX.Domain.Projects;
using DreamX.Infrastructure.Media.Compose;
using FFMpegCore;

namespace DreamX.Tests.Infrastructure.Media.Compose;

/// <summary>The final is joined from separately encoded segments by stream copy; nothing may show where they meet.</summary>
public sealed partial class ComposeSeamTests(ComposedEpisodeFixture composed) : IClassFixture<ComposedEpisodeFixture>
{
    [Fact]
    public async Task Frames_on_both_sides_of_every_join_match_a_continuous_render()
    {
        var profile = RenderProfile.For(ComposeMode.Final, AspectRatio.Portrait9x16, 240);
        var work = Path.Combine(composed.Folder, "work");
        await File.WriteAllTextAsync(Path.Combine(work, "reference.ass"),
            EpisodeSubtitles.ToAss(composed.Timeline.Cues, profile.Width, profile.Height));
        var continuous = Path.Combine(composed.Folder, "continuous.mp4");
        // The same frames (shots, transitions, subtitles) in one filter graph and one encode with the same settings: no joins.
        var outputs = EpisodeSegments.Plan(composed.Timeline, profile.FramesPerSecond)
            .Select(s => new EpisodeSegments.Output(s, "", EpisodeSegments.CuesDuring(s, composed.Timeline.Cues, profile.FramesPerSecond).Count > 0))
            .ToList();
        var (arguments, _) = EpisodeSegments.Arguments(outputs, composed.Timeline, profile, "reference.ass", continuous);
        var rendered = await FfmpegProcess.RunAsync(arguments, work, CancellationToken.None);
        Assert.True(rendered.IsSuccess, rendered.Error);

        var stats = Path.Combine(composed.Folder, "ssim.log");
        await ComposeProbe.FfmpegAsync("-i", composed.Episode.VideoPath, "-i", continuous,
            "-lavfi", $"[0:v][1:v]ssim=stats_file={stats}", "-f", "null", "-");
        var ssim = (await File.ReadAllLinesAsync(stats)).Select(line => SsimLine().Match(line))
            .ToDictionary(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) - 1,
                m => double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));

        var segments = EpisodeSegments.Plan(composed.Timeline, profile.FramesPerSecond);
        var frames = EpisodeSegments.Frames(composed.Timeline.DurationSeconds, profile.FramesPerSecond);
        var joins = segments.Skip(1).Select(s => s.StartFrame).ToList();
        Assert.True(joins.Count >= 5, $"the sample episode has {joins.Count} joins");
        Assert.Equal(frames, ssim.Count);
        Assert.Equal(frames, (await FFProbe.AnalyseAsync(composed.Episode.VideoPath)).PrimaryVideoStream!.Duration.TotalSeconds
            * profile.FramesPerSecond, 0);
        Assert.All(joins.SelectMany(frame => new[] { frame - 1, frame }), frame =>
            Assert.True(ssim[frame] >= 0.98, $"frame {frame} at a join: SSIM {ssim[frame]:F4} against the continuous render"));
    }

    [GeneratedRegex(@"^n:(\d+) .*All:([\d.]+)")]
    private static partial Regex SsimLine();
}
