using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using DreamX.Domain.Common;
using DreamX.Domain.Media.Timeline;

namespace DreamX.Infrastructure.Media.Compose;

/// <summary>
/// The episode's sound: every line placed at its time, a music bed ducked under the speech (sidechain), and
/// the mix normalised to −16 LUFS integrated in two passes (measure, then a linear gain that lands within ±1 LU).
/// </summary>
public static partial class EpisodeSoundtrack
{
    public const double TargetLufs = -16;
    private const int SampleRate = 48000;

    public static async Task<Result> RenderAsync(
        EpisodeTimeline timeline, string? musicPath, RenderProfile profile, string outputPath, string workFolder, CancellationToken cancellationToken)
    {
        var premix = Path.Combine(workFolder, $"premix-{profile.Mode.ToString().ToLowerInvariant()}.wav");
        var mixed = await FfmpegProcess.RunAsync(PremixArguments(timeline, musicPath, premix), workFolder, cancellationToken);
        if (mixed.IsFailure) return Result.Failure($"The soundtrack could not be mixed ({mixed.Error})");

        var measured = await FfmpegProcess.RunAsync(
            ["-i", premix, "-af", $"loudnorm=I={TargetLufs}:TP=-1.5:LRA=11:print_format=json", "-f", "null", "-"], workFolder, cancellationToken);
        if (measured.IsFailure) return Result.Failure($"The soundtrack's loudness could not be measured ({measured.Error})");
        var loudness = ParseLoudness(measured.Value);
        if (loudness is null) return Result.Failure("The soundtrack's loudness could not be measured.");

        var l = loudness;
        var normalise = string.Create(CultureInfo.InvariantCulture,
            $"loudnorm=I={TargetLufs}:TP=-1.5:LRA=11:measured_I={l.I}:measured_TP={l.TruePeak}:measured_LRA={l.Lra}:measured_thresh={l.Threshold}:offset={l.Offset}:linear=true,aresample={SampleRate}");
        var encoded = await FfmpegProcess.RunAsync(
            ["-v", "error", "-i", premix, "-af", normalise, "-c:a", "aac", "-b:a", $"{profile.AudioBitrateKbps}k", "-ac", "2", outputPath],
            workFolder, cancellationToken);
        File.Delete(premix);
        return encoded.IsFailure ? Result.Failure($"The soundtrack could not be encoded ({encoded.Error})") : Result.Success();
    }

    private static List<string> PremixArguments(EpisodeTimeline timeline, string? musicPath, string output)
    {
        var total = F(timeline.DurationSeconds);
        var arguments = new List<string> { "-v", "error" };
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
        arguments.AddRange(["-filter_complex", string.Join(';', graph), "-map", "[mix]", "-c:a", "pcm_f32le", output]);
        return arguments;
    }

    /// <summary>The built-in bed when no music is chosen: a soft A-major pad breathing every eight seconds (deterministic).</summary>
    private static string GeneratedBed(double seconds)
    {
        const string pad = "0.05*(sin(2*PI*110*t)+0.7*sin(2*PI*164.81*t)+0.5*sin(2*PI*220*t)+0.35*sin(2*PI*277.18*t)+0.25*sin(2*PI*329.63*t))*(0.7+0.3*sin(2*PI*t/8))";
        return $"aevalsrc=exprs='{pad}|{pad.Replace("t/8", "t/8+1")}':s={SampleRate}:d={F(seconds + 0.5)},lowpass=f=1500,aformat=sample_fmts=fltp:channel_layouts=stereo";
    }

    private sealed record Loudness(string I, string TruePeak, string Lra, string Threshold, string Offset);

    private static Loudness? ParseLoudness(string log)
    {
        var match = LoudnormJson().Match(log);
        if (!match.Success) return null;
        using var json = JsonDocument.Parse(match.Value);
        string Get(string name) => json.RootElement.GetProperty(name).GetString() ?? "0";
        var i = Get("input_i");
        // Silence measures as -inf; there is nothing to normalise then.
        if (!double.TryParse(i, CultureInfo.InvariantCulture, out var value) || double.IsInfinity(value)) return null;
        return new Loudness(i, Get("input_tp"), Get("input_lra"), Get("input_thresh"), Get("target_offset"));
    }

    private static string F(double seconds) => seconds.ToString("F4", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\{[^{}]*""input_i""[^{}]*\}", RegexOptions.Singleline)]
    private static partial Regex LoudnormJson();
}
