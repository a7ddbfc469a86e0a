using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using DreamX.Domain.Media.Timeline;
using DreamX.Domain.Projects;
using DreamX.Infrastructure.Media.Compose;

namespace DreamX.Tests.Infrastructure.Media.Compose;

public sealed partial class ComposeSoundTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dreamx-compose-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>The music is a 220 Hz tone and the lines 1 kHz tones, so a narrow band-pass hears only the music in the
    /// finished episode: its level while a line is spoken against its level between lines.</summary>
    [Fact]
    public async Task Music_ducks_at_least_12_dB_under_speech()
    {
        var media = Path.Combine(_folder, "media");
        var made = await SampleEpisode.CreateAsync(media, [null, null, null, null], 2.5, 320, 320);
        var music = Path.Combine(media, "music.wav");
        await ComposeProbe.FfmpegAsync("-f", "lavfi", "-i", "sine=f=220:d=5", music);
        var shots = new List<TimelineShot>();
        foreach (var shot in made)
        {
            if (shot.Number % 2 == 1) { shots.Add(shot); continue; }
            var line = Path.Combine(media, $"tone{shot.Number}.wav");
            await ComposeProbe.FfmpegAsync("-f", "lavfi", "-i", "sine=f=1000:d=1.2,volume=0.3", line);
            shots.Add(shot with { Audio = new SpokenAudio(line, 1.2, $"Line {shot.Number}.") });
        }

        var result = await new EpisodeComposer().ComposeAsync(new ComposeRequest("ducked", shots, AspectRatio.Square1x1, ComposeMode.Final,
            Path.Combine(_folder, "work"), Path.Combine(_folder, "out"), MusicPath: music, ShortSide: 180), CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error);
        var timeline = EpisodeTimeline.Build(shots).Value;
        var lines = timeline.Shots.Where(s => s.AudioStartSeconds is not null).Select(s => s.AudioStartSeconds!.Value).ToList();
        // Between lines: after the music's 1 s fade-in, at least 0.5 s away from any line, before the fade-out.
        var quiet = Enumerable.Range(0, (int)(timeline.DurationSeconds * 10)).Select(i => i / 10.0)
            .First(t => t >= 1.2 && lines.All(l => t + 0.5 < l - 0.5 || t > l + 1.2 + 0.5));
        var open = await MusicLevelAsync(result.Value.VideoPath, quiet, 0.5);
        foreach (var start in lines)
        {
            var ducked = await MusicLevelAsync(result.Value.VideoPath, start + 0.35, 0.5);
            Assert.True(open - ducked >= 12, $"the music drops {open - ducked:F1} dB under the line at {start:F2} s (open {open:F1} dB, ducked {ducked:F1} dB)");
        }
    }

    /// <summary>RMS level (dBFS) of the 220 Hz band in a window of the file's sound.</summary>
    private static async Task<double> MusicLevelAsync(string path, double start, double seconds)
    {
        var start2 = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[]
                 {
                     "-hide_banner", "-nostdin", "-ss", start.ToString("F3", CultureInfo.InvariantCulture), "-t",
                     seconds.ToString("F3", CultureInfo.InvariantCulture), "-i", path, "-vn", "-af",
                     "bandpass=f=220:width_type=q:w=8,bandpass=f=220:width_type=q:w=8,astats=measure_perchannel=none", "-f", "null", "-",
                 })
            start2.ArgumentList.Add(argument);
        using var process = Process.Start(start2)!;
        var log = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var match = RmsLine().Match(log);
        Assert.True(match.Success, log);
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"RMS level dB:\s+(-?[\d.]+|-inf)")]
    private static partial Regex RmsLine();
}
