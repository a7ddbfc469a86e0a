using System.Globalization;
using System.Text.RegularExpressions;
using DreamX.Domain.MusicVideos;
using DreamX.Domain.Projects;
using DreamX.Domain.Scripts;
using DreamX.Infrastructure.Assets;
using DreamX.Infrastructure.Media.Compose;
using DreamX.Infrastructure.Media.Music;
using SkiaSharp;
using Xunit.Abstractions;

namespace DreamX.Tests.Infrastructure.Media.Music;

/// <summary>A music video composed from a song, its beat-cut shots and lyrics, checked with ffmpeg's own measurements.</summary>
public sealed partial class MusicVideoComposerTests(ITestOutputHelper output) : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("dreamx-mv-");

    public void Dispose() => _folder.Delete(recursive: true);

    /// <summary>Dark and light in turn: every cut changes the whole picture, which ffmpeg's scene detection cannot miss.</summary>
    private static readonly SKColor[] Colours = [new(0x12, 0x10, 0x30), new(0xF4, 0xE8, 0xC8)];

    /// <summary>A still of one flat colour per shot (neighbours differ), so ffmpeg's scene detection finds every cut.</summary>
    private string Still(int index)
    {
        var path = Path.Combine(_folder.FullName, $"still-{index}.png");
        using var bitmap = new SKBitmap(640, 640);
        using (var canvas = new SKCanvas(bitmap))
            canvas.Clear(Colours[index % Colours.Length]);
        using var file = File.Create(path);
        bitmap.Encode(SKEncodedImageFormat.Png, 90).SaveTo(file);
        return path;
    }

    private async Task<string> SaveAsync(byte[] bytes, string name)
    {
        var path = Path.Combine(_folder.FullName, name);
        await File.WriteAllBytesAsync(path, bytes);
        return path;
    }

    /// <summary>Where ffmpeg's scene detection sees a new picture (seconds).</summary>
    private async Task<List<double>> SceneCutsAsync(string video)
    {
        var run = await FfmpegProcess.RunAsync(["-i", video, "-vf", "select='gt(scene,0.3)',showinfo", "-an", "-f", "null", "-"], _folder.FullName, CancellationToken.None);
        Assert.True(run.IsSuccess, run.Error);
        return PtsTime().Matches(run.Value).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
    }

    /// <summary>The integrated loudness of the file's audio by ffmpeg's EBU R128 meter.</summary>
    private async Task<double> IntegratedLoudnessAsync(string video)
    {
        var run = await FfmpegProcess.RunAsync(["-i", video, "-vn", "-af", "ebur128", "-f", "null", "-"], _folder.FullName, CancellationToken.None);
        Assert.True(run.IsSuccess, run.Error);
        var summary = run.Value[run.Value.LastIndexOf("Summary:", StringComparison.Ordinal)..];
        return double.Parse(Integrated().Match(summary).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static async Task<(double Duration, int AudioStreams, int Width, int Height)> ProbeAsync(string video)
    {
        var analysis = await FFMpegCore.FFProbe.AnalyseAsync(video);
        return (analysis.Duration.TotalSeconds, analysis.AudioStreams.Count, analysis.PrimaryVideoStream!.Width ?? 0, analysis.PrimaryVideoStream.Height ?? 0);
    }

    [Fact]
    public async Task The_catalogue_bed_becomes_a_video_cut_on_its_beats_at_minus_14_lufs()
    {
        var bed = DemoMusicBeds.All.Single(b => b.Tremolo >= 1);
        var songPath = await SaveAsync((await DemoMusicBeds.RenderAsync(bed, CancellationToken.None)).Value, "bed.mp3");
        var song = (await SongAnalyzer.AnalyseFileAsync(songPath, CancellationToken.None)).Value;
        var beatShots = SongMapPlanner.CutAll(song);
        var shots = beatShots.Select((s, i) => new MusicVideoShot(Still(i), s.Start, s.End, i % 2 == 0 ? CameraMove.ZoomIn : CameraMove.PanLeft)).ToList();
        var lyrics = SongMapPlanner.PlaceLyrics(new Lyrics([new(null, "夜色里的脉搏"), new(null, "Night pulse"), new(null, "一直跳动")], false), song);

        var composed = await MusicVideoComposer.ComposeAsync(new MusicVideoRequest(
            "mv", songPath, 0, song.DurationSeconds, shots, lyrics, AspectRatio.Portrait9x16, ComposeMode.Final,
            Path.Combine(_folder.FullName, "out"), ShortSide: 360), CancellationToken.None);

        Assert.True(composed.IsSuccess, composed.Error);
        var video = composed.Value.VideoPath;
        var probe = await ProbeAsync(video);
        output.WriteLine($"shots {shots.Count}, duration {probe.Duration:0.000} s, tempo {song.Tempo}");
        Assert.InRange(probe.Duration, song.DurationSeconds - 0.1, song.DurationSeconds + 0.1);
        Assert.Equal(1, probe.AudioStreams);
        Assert.Equal((360, 640), (probe.Width, probe.Height));

        // Every cut ffmpeg sees is on a beat of the analysis (within one frame at 24 fps), and there is one per shot change.
        var cuts = await SceneCutsAsync(video);
        output.WriteLine("cuts: " + string.Join(", ", cuts.Select(c => c.ToString("0.000", CultureInfo.InvariantCulture))));
        Assert.Equal(shots.Count - 1, cuts.Count);
        foreach (var cut in cuts)
        {
            var beat = song.Beats.MinBy(b => Math.Abs(b - cut));
            Assert.True(Math.Abs(beat - cut) <= 1.0 / 24 + 0.001, $"cut at {cut:0.000} s is {Math.Abs(beat - cut) * 1000:0} ms from the nearest beat {beat:0.000} s");
        }

        var loudness = await IntegratedLoudnessAsync(video);
        output.WriteLine($"integrated loudness {loudness} LUFS (composer measured {composed.Value.IntegratedLufs})");
        Assert.InRange(loudness, MusicVideoComposer.TargetLufs - 1, MusicVideoComposer.TargetLufs + 1);

        var srt = await File.ReadAllTextAsync(composed.Value.SubtitlesPath);
        Assert.Contains("夜色里的脉搏", srt);
        Assert.Contains("Night pulse", srt);
    }

    [Fact]
    public async Task An_excerpt_lasts_its_own_length_and_its_lyrics_keep_their_lrc_times()
    {
        var (samples, _) = SongAnalyzerTests.ClickTrack(120, 30, 0.5, loudFrom: 0, loudTo: 30);
        var songPath = await SaveAsync(SongAnalyzerTests.Wav(samples), "click.wav");
        var whole = (await SongAnalyzer.AnalyseFileAsync(songPath, CancellationToken.None)).Value;
        var song = whole.Excerpt(6, 24);
        var beatShots = SongMapPlanner.CutAll(song);
        var shots = beatShots.Select((s, i) => new MusicVideoShot(Still(i), s.Start, s.End, CameraMove.Static)).ToList();
        LyricsParser.TryParse("[00:07.00]first line\n[00:12.50]second line\n[00:26.00]after the excerpt", out var parsed, out _);
        var lyrics = SongMapPlanner.PlaceLyrics(parsed, song, excerptStart: 6);

        var composed = await MusicVideoComposer.ComposeAsync(new MusicVideoRequest(
            "excerpt", songPath, 6, 24, shots, lyrics, AspectRatio.Landscape16x9, ComposeMode.Preview, Path.Combine(_folder.FullName, "out")),
            CancellationToken.None);

        Assert.True(composed.IsSuccess, composed.Error);
        var probe = await ProbeAsync(composed.Value.VideoPath);
        Assert.InRange(probe.Duration, 17.9, 18.1);
        var srt = await File.ReadAllTextAsync(composed.Value.SubtitlesPath);
        Assert.Contains("00:00:01,000 --> 00:00:06,500\nfirst line", srt.ReplaceLineEndings("\n"));
        Assert.DoesNotContain("after the excerpt", srt);
        Assert.Equal(shots.Count - 1, (await SceneCutsAsync(composed.Value.VideoPath)).Count);
    }

    [Fact]
    public async Task The_built_in_illustrator_and_the_plan_make_a_watchable_music_video_offline()
    {
        var (samples, _) = SongAnalyzerTests.ClickTrack(120, 36, 0.5, loudFrom: 12.5, loudTo: 26.5);
        var songPath = await SaveAsync(SongAnalyzerTests.Wav(samples), "song.wav");
        var song = (await SongAnalyzer.AnalyseFileAsync(songPath, CancellationToken.None)).Value;
        var lyrics = SongMapPlanner.PlaceLyrics(new Lyrics([new(null, "天台的风"), new(null, "霓虹在闪"), new(null, "我在跳舞")], false), song);
        var scenes = MusicVideoPlanner.Plan(song, lyrics, "夏夜的城市天台，霓虹和晚风", "zh-CN");
        var illustrator = new DreamX.Infrastructure.Providers.Builtin.BuiltinIllustrator();
        var shots = new List<MusicVideoShot>();
        foreach (var scene in scenes)
        {
            foreach (var shot in scene.Shots)
            {
                var picture = await illustrator.GenerateImageAsync(new DreamX.Domain.Generation.Providers.ImageRequest(
                    shot.Prompt, 360, 640, "builtin", [], DreamX.Domain.Generation.Providers.ImageKind.ShotFrame, shot.ShotType,
                    Setting: scene.Setting, Seed: shot.Section * 100 + shot.Number), CancellationToken.None);
                shots.Add(new MusicVideoShot(await SaveAsync(picture.Content, $"shot-{shot.Section}-{shot.Number}.png"), shot.Start, shot.End, shot.Move));
            }
        }

        var composed = await MusicVideoComposer.ComposeAsync(new MusicVideoRequest(
            "offline", songPath, 0, song.DurationSeconds, shots, lyrics, AspectRatio.Portrait9x16, ComposeMode.Preview,
            Path.Combine(_folder.FullName, "out")), CancellationToken.None);

        Assert.True(composed.IsSuccess, composed.Error);
        var probe = await ProbeAsync(composed.Value.VideoPath);
        output.WriteLine($"{scenes.Count} scenes, {shots.Count} shots, {probe.Duration:0.00} s");
        Assert.InRange(probe.Duration, song.DurationSeconds - 0.15, song.DurationSeconds + 0.15);
        Assert.Equal(1, probe.AudioStreams);
        // The loud section is cut faster than the quiet ones.
        var chorus = scenes.Single(s => s.Energy == SongEnergy.High);
        var quiet = scenes.Where(s => s.Energy != SongEnergy.High).SelectMany(s => s.Shots).ToList();
        Assert.True(chorus.Shots.Average(s => s.Duration) < quiet.Average(s => s.Duration));
        var srt = await File.ReadAllTextAsync(composed.Value.SubtitlesPath);
        Assert.Equal(3, Regex.Matches(srt, "-->").Count);
    }

    [GeneratedRegex(@"pts_time:\s*([0-9.]+)")]
    private static partial Regex PtsTime();

    [GeneratedRegex(@"I:\s*(-?[0-9.]+) LUFS")]
    private static partial Regex Integrated();
}
