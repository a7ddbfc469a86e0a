using System.Globalization;
using System.Text.RegularExpressions;
using DreamX.Domain.Common;
using DreamX.Domain.Media.Timeline;

namespace DreamX.Infrastructure.Media.Compose;

/// <summary>
/// The episode's sound: every line placed at its time, a music bed ducked under the speech (sidechain), and
/// the mix measured (ebur128) as it is made, so the episode encode can apply one linear gain to −16 LUFS integrated.
/// </summary>
public static partial class EpisodeSoundtrack
{
    public const double TargetLufs = -16;
    private const int SampleRate = 48000;
    private const int PadSampleRate = 8000;

    /// <summary>Mixes the soundtrack to <paramref name="premixPath"/> (32-bit float WAV) and measures it in the same pass;
    /// the episode encode then applies the returned gain (see <see cref="NormaliseFilter"/>).</summary>
    public static async Task<Result<double>> MixAsync(
        EpisodeTimeline timeline, string? musicPath, string premixPath, string workFolder, CancellationToken cancellationToken)
    {
        var mixed = await FfmpegProcess.RunAsync(PremixArguments(timeline, musicPath, premixPath), workFolder, cancellationToken);
        if (mixed.IsFailure) return Result.Failure<double>($"The soundtrack could not be mixed ({mixed.Error})");
        var integrated = ParseIntegratedLoudness(mixed.Value);
        // Silence (or nearly) has no meaningful loudness: leave it as it is.
        return integrated is { } lufs && lufs > -70 ? Math.Min(TargetLufs - lufs, 30) : 0;
    }

    /// <summary>A linear gain to the target (exact for integrated loudness), then a lookahead limiter at −1 dBFS that
    /// only touches the rare peaks the gain pushes over, without its auto-levelling.</summary>
    public static string NormaliseFilter(double gainDb) =>
        string.Create(CultureInfo.InvariantCulture, $"volume={gainDb:F2}dB,alimiter=limit=0.891:attack=5:release=50:level=0,aresample={SampleRate}");

    private static List<string> PremixArguments(EpisodeTimeline timeline, string? musicPath, string output)
    {
        var total = F(timeline.DurationSeconds);
        var arguments = new List<string> { "-v", "info" };
        var graph = new List<string>();
        var spoken = timeline.Shots.Where(s => s.Shot.Audio is not null).ToList();
        for (var i = 0; i < spoken.Count; i++)
        {
            arguments.AddRange(["-i", Path.GetFullPath(spoken[i].Shot.Audio!.Path)]);
            var delay = (long)Math.Round(spoken[i].AudioStartSeconds!.Value * 1000);
            graph.Add($"[{i}:a]aresample={SampleRate},aformat=sample_fmts=fltp:channel_layouts=stereo,adelay={delay}:all=1[s{i}]");
        }

        var speechLabels = string.Concat(Enumerable.Range(0, spoken.Count).Select(i => $"[s{i}]"));
        graph.Add(spoken.Count == 0
            ? $"anullsrc=r={SampleRate}:cl=stereo,atrim=0:{total}[speech]"
            : $"{speechLabels}amix=inputs={spoken.Count}:normalize=0:duration=longest,apad=whole_dur={total},atrim=0:{total}[speech]");
        graph.Add("[speech]asplit[voice][key]");

        var musicInput = spoken.Count;
        if (musicPath is not null)
        {
            arguments.AddRange(["-stream_loop", "-1", "-i", Path.GetFullPath(musicPath)]);
            graph.Add($"[{musicInput}:a]aresample={SampleRate},aformat=sample_fmts=fltp:channel_layouts=stereo,volume=0.3,atrim=0:{total}[bed]");
        }
        else
        {
            graph.Add($"{GeneratedBed(timeline.DurationSeconds)},atrim=0:{total}[bed]");
        }

        var fadeOut = F(Math.Max(0, timeline.DurationSeconds - 1.5));
        graph.Add($"[bed]afade=t=in:d=1,afade=t=out:st={fadeOut}:d=1.5[music]");
        graph.Add("[music][key]sidechaincompress=threshold=0.02:ratio=8:attack=20:release=400[ducked]");
        graph.Add($"[voice][ducked]amix=inputs=2:normalize=0:duration=first,atrim=0:{total}[mix]");
        graph.Add("[mix]asplit[out][measure]");
        graph.Add("[measure]ebur128=framelog=verbose[measured]");
        arguments.AddRange(["-filter_complex", string.Join(';', graph), "-map", "[out]", "-c:a", "pcm_f32le", output, "-map", "[measured]", "-f", "null", "-"]);
        return arguments;
    }

    /// <summary>The built-in bed when no music is chosen: a soft A-major pad breathing every eight seconds (deterministic).</summary>
    private static string GeneratedBed(double seconds)
    {
        const string pad = "0.05*(sin(2*PI*110*t)+0.7*sin(2*PI*164.81*t)+0.5*sin(2*PI*220*t)+0.35*sin(2*PI*277.18*t)+0.25*sin(2*PI*329.63*t))*(0.7+0.3*sin(2*PI*t/8))";
        // Everything in it lies below 1.5 kHz, so it is evaluated at 8 kHz (an expression per sample is the costly
        // part) and resampled: a sixth of the work for the same sound.
        return $"aevalsrc=exprs='{pad}|{pad.Replace("t/8", "t/8+1")}':s={PadSampleRate}:d={F(seconds + 0.5)},lowpass=f=1500," +
               $"aresample={SampleRate},aformat=sample_fmts=fltp:channel_layouts=stereo";
    }

    private static double? ParseIntegratedLoudness(string log)
    {
        var summary = log.LastIndexOf("Summary:", StringComparison.Ordinal);
        if (summary < 0) return null;
        var match = IntegratedLine().Match(log[summary..]);
        return match.Success && double.TryParse(match.Groups[1].Value, CultureInfo.InvariantCulture, out var lufs) ? lufs : null;
    }

    private static string F(double seconds) => seconds.ToString("F4", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"I:\s+(-?[\d.]+) LUFS")]
    private static partial Regex IntegratedLine();
}
