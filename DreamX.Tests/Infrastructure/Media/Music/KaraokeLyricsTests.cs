using System.Text.RegularExpressions;
using DreamX.Domain.Media.Timeline;
using DreamX.Infrastructure.Media.Compose;
using SkiaSharp;

namespace DreamX.Tests.Infrastructure.Media.Music;

/// <summary>
/// A music video's lyrics are karaoke subtitles: each line shows white and fills with gold from left to right while it
/// is sung. Checked in the ASS the composer burns in and in frames libass draws from it (real ffmpeg).
/// </summary>
public sealed partial class KaraokeLyricsTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("dreamx-karaoke-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void Each_sung_line_fills_over_its_own_time_split_over_its_wrapped_rows_by_their_length()
    {
        var ass = EpisodeSubtitles.ToAss(
            [new SubtitleCue(1, 2.0, 5.5, "天台的风", ""), new SubtitleCue(2, 6.0, 14.0, new string('霓', 30), "")], 720, 1280, karaoke: true);

        Assert.Contains("Style: Lyric,Noto Sans CJK SC,", ass);
        Assert.Contains($"Style: Lyric,Noto Sans CJK SC,47,{EpisodeSubtitles.KaraokeSung},&H00FFFFFF,", ass);
        Assert.Contains(@"Dialogue: 0,0:00:02.00,0:00:05.50,Lyric,,0,0,0,,{\kf350}天台的风", ass);
        // A line too long for one row is wrapped; each row fills in turn and the rows' shares add up to the line's 8 s.
        var wrapped = ass.Split('\n').Single(l => l.StartsWith("Dialogue: 0,0:00:06.00", StringComparison.Ordinal));
        var shares = KaraokeTag().Matches(wrapped).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(shares.Count >= 2, wrapped);
        Assert.Equal(800, shares.Sum());
        Assert.Equal(shares.Count - 1, Regex.Matches(wrapped, @"\\N").Count);
        // A drama's subtitles are untouched: no karaoke style, no sweep.
        var drama = EpisodeSubtitles.ToAss([new SubtitleCue(1, 2.0, 5.5, "天台的风", "lin")], 720, 1280);
        Assert.DoesNotContain("Lyric", drama);
        Assert.DoesNotContain(@"\kf", drama);
    }

    [Fact]
    public async Task Libass_draws_the_sung_part_of_a_line_gold_and_the_rest_white()
    {
        // One line sung from 0.5 s to 3.5 s over black; frames at its start, middle and end.
        await File.WriteAllTextAsync(Path.Combine(_folder.FullName, "lyrics.ass"),
            EpisodeSubtitles.ToAss([new SubtitleCue(1, 0.5, 3.5, "WWWWWWWWWW", "")], 640, 360, karaoke: true));

        var start = await GoldShareAsync(0.6);
        var middle = await GoldShareAsync(2.0);
        var end = await GoldShareAsync(3.45);

        // (left half, right half) of the line's drawn pixels that are gold rather than white.
        Assert.True(start.Left < 0.2 && start.Right < 0.1, $"at the start {start}");
        Assert.True(middle.Left > 0.6 && middle.Right < 0.4, $"in the middle {middle}");
        Assert.True(end.Left > 0.9 && end.Right > 0.8, $"at the end {end}");
    }

    /// <summary>Of the bright pixels of the lyric's row in the frame at <paramref name="seconds"/>: the gold share in each half.</summary>
    private async Task<(double Left, double Right)> GoldShareAsync(double seconds)
    {
        var name = $"frame-{seconds:0.00}.png";
        var run = await FfmpegProcess.RunAsync(
            ["-f", "lavfi", "-i", "color=c=black:s=640x360:r=25:d=4", "-vf", "subtitles=lyrics.ass", "-ss", seconds.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
             "-frames:v", "1", name], _folder.FullName, CancellationToken.None);
        Assert.True(run.IsSuccess, run.Error);
        using var frame = SKBitmap.Decode(Path.Combine(_folder.FullName, name));
        var bright = new List<(int X, bool Gold)>();
        for (var y = 0; y < frame.Height; y++)
        {
            for (var x = 0; x < frame.Width; x++)
            {
                var c = frame.GetPixel(x, y);
                if (c.Red > 200 && c.Green > 150 && c.Blue < 90)
                    bright.Add((x, true));
                else if (c.Red > 200 && c.Green > 200 && c.Blue > 200)
                    bright.Add((x, false));
            }
        }
        Assert.True(bright.Count > 200, $"the lyric is not drawn at {seconds} s");
        var (from, to) = (bright.Min(p => p.X), bright.Max(p => p.X));
        var middle = (from + to) / 2.0;
        double Share(IEnumerable<(int X, bool Gold)> half)
        {
            var list = half.ToList();
            return list.Count == 0 ? 0 : (double)list.Count(p => p.Gold) / list.Count;
        }
        return (Share(bright.Where(p => p.X < middle)), Share(bright.Where(p => p.X >= middle)));
    }

    [GeneratedRegex(@"\{\\kf(\d+)\}")]
    private static partial Regex KaraokeTag();
}
