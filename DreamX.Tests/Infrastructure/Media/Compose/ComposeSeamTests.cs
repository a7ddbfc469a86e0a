using System.Globalization;
using System.Text.RegularExpressions;
using DreamX.Domain.Projects;
using DreamX.Infrastructure.Media.Compose;
using FFMpegCore;

namespace DreamX.Tests.Infrastructure.Media.Compose;

/// <summary>The final is joined from separately encoded segments by stream copy; nothing may show where they meet.</summary>
public sealed partial class ComposeSeamTests(ComposedEpisodeFixture composed) : IClassFixture<ComposedEpisodeFixture>
{
    private static readonly RenderProfile Profile = RenderProfile.For(ComposeMode.Final, AspectRatio.Portrait9x16, 240);

    [Fact]
    public async Task Frames_on_both_sides_of_every_join_match_a_continuous_render()
    {
        var work = await ReferenceSubtitlesAsync();
        var continuous = Path.Combine(composed.Folder, "continuous.mp4");
        // The same frames (shots, transitions, subtitles) in one filter graph and one encode with the same settings: no joins.
        var outputs = EpisodeSegments.Plan(composed.Timeline, Profile.FramesPerSecond)
            .Select(s => new EpisodeSegments.Output(s, "", EpisodeSegments.CuesDuring(s, composed.Timeline.Cues, Profile.FramesPerSecond).Count > 0))
            .ToList();
        var (arguments, _) = EpisodeSegments.Arguments(outputs, composed.Timeline, Profile, "reference.ass", continuous);
        var rendered = await FfmpegProcess.RunAsync(arguments, work, CancellationToken.None);
        Assert.True(rendered.IsSuccess, rendered.Error);

        await AssertJoinsMatchAsync(continuous);
    }

    [Fact]
    public async Task Frames_on_both_sides_of_every_join_match_one_pass_over_the_whole_shots()
    {
        var work = await ReferenceSubtitlesAsync();
        var onePass = Path.Combine(composed.Folder, "one-pass.mp4");
        // Independent of how the final cuts shots into segments: every shot rendered whole, joined in the graph (concat,
        // xfade, fades), the subtitles burned over the whole episode, as a preview is made but at the final's profile.
        var sources = composed.Timeline.Shots.Select(s => ShotClipSource.Source(s, Profile)).ToList();
        var rendered = await FfmpegProcess.RunAsync(
            EpisodeVideoJoin.Arguments(composed.Timeline, sources, "reference.ass", Profile, onePass), work, CancellationToken.None);
        Assert.True(rendered.IsSuccess, rendered.Error);

        await AssertJoinsMatchAsync(onePass);
    }

    private async Task<string> ReferenceSubtitlesAsync()
    {
        var work = Path.Combine(composed.Folder, "work");
        await File.WriteAllTextAsync(Path.Combine(work, "reference.ass"),
            EpisodeSubtitles.ToAss(composed.Timeline.Cues, Profile.Width, Profile.Height));
        return work;
    }

    private async Task AssertJoinsMatchAsync(string reference)
    {
        var stats = Path.Combine(composed.Folder, $"ssim-{Path.GetFileNameWithoutExtension(reference)}.log");
        await ComposeProbe.FfmpegAsync("-i", composed.Episode.VideoPath, "-i", reference,
            "-lavfi", $"[0:v][1:v]ssim=stats_file={stats}", "-f", "null", "-");
        var ssim = (await File.ReadAllLinesAsync(stats)).Select(line => SsimLine().Match(line))
            .ToDictionary(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) - 1,
                m => double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));

        var segments = EpisodeSegments.Plan(composed.Timeline, Profile.FramesPerSecond);
        var frames = EpisodeSegments.Frames(composed.Timeline.DurationSeconds, Profile.FramesPerSecond);
        var joins = segments.Skip(1).Select(s => s.StartFrame).ToList();
        // Shot 1 | crossfade | shot 2 fading out | shot 3 fading in | shot 4: every kind of join (cut, crossfade, fade).
        Assert.True(joins.Count >= 4, $"the sample episode has {joins.Count} joins");
        Assert.Equal(frames, ssim.Count);
        Assert.Equal(frames, (await FFProbe.AnalyseAsync(composed.Episode.VideoPath)).PrimaryVideoStream!.Duration.TotalSeconds
            * Profile.FramesPerSecond, 0);
        Assert.All(joins.SelectMany(frame => new[] { frame - 1, frame }), frame =>
            Assert.True(ssim[frame] >= 0.98, $"frame {frame} at a join: SSIM {ssim[frame]:F4} against {Path.GetFileName(reference)}"));
    }

    [GeneratedRegex(@"^n:(\d+) .*All:([\d.]+)")]
    private static partial Regex SsimLine();
}
