using DreamX.Domain.Common;
using DreamX.Infrastructure.Media;
using DreamX.Infrastructure.Media.Compose;

namespace DreamX.Infrastructure.Assets;

/// <summary>
/// Two 30-second demo beds for the starter music library, rendered by ffmpeg from sine chords and seeded pink
/// noise (the same input gives the same sound), faded in and out, encoded as MP3.
/// </summary>
internal static class DemoMusicBeds
{
    public const int Seconds = 30;

    public sealed record Bed(string Title, string Mood, double[] Chord, int NoiseSeed, double Tremolo);

    public static readonly Bed[] All =
    [
        // A major triad, slow swell: warm scenes.
        new("Morning Light · 晨光", "calm warm gentle 温暖 治愈 浪漫", [220.00, 277.18, 329.63], 7, 0.15),
        // A minor triad low with a faster pulse: tension.
        new("Night Pulse · 夜色", "tense dark suspense 悬疑 紧张 黑暗", [110.00, 130.81, 164.81], 11, 2.0),
    ];

    public static bool CanRender => FfmpegProcess.FindOnPath("ffmpeg") is not null;

    /// <returns>The MP3 bytes, or ffmpeg's complaint.</returns>
    public static async Task<Result<byte[]>> RenderAsync(Bed bed, CancellationToken ct)
    {
        using var scratch = new ScratchFolder();
        var arguments = new List<string>();
        foreach (var frequency in bed.Chord)
            arguments.AddRange(["-f", "lavfi", "-i", FormattableString.Invariant($"sine=frequency={frequency}:sample_rate=44100:duration={Seconds}")]);
        arguments.AddRange(["-f", "lavfi", "-i", $"anoisesrc=color=pink:amplitude=0.04:sample_rate=44100:seed={bed.NoiseSeed}:duration={Seconds}"]);
        var inputs = string.Concat(Enumerable.Range(0, bed.Chord.Length + 1).Select(i => $"[{i}:a]"));
        var filter = FormattableString.Invariant(
            $"{inputs}amix=inputs={bed.Chord.Length + 1}:normalize=1,lowpass=f=1800,tremolo=f={bed.Tremolo}:d=0.3,")
            + $"afade=t=in:d=3,afade=t=out:st={Seconds - 4}:d=4,volume=5[bed]";
        arguments.AddRange(["-filter_complex", filter, "-map", "[bed]", "-ac", "2", "-c:a", "libmp3lame", "-b:a", "128k",
            "-map_metadata", "-1", "-fflags", "+bitexact", "-flags:a", "+bitexact", "bed.mp3"]);

        var run = await FfmpegProcess.RunAsync(arguments, scratch.Path, ct);
        if (run.IsFailure)
            return Result<byte[]>.Failure(run.Error!);
        return await File.ReadAllBytesAsync(scratch.File("bed.mp3"), ct);
    }
}
