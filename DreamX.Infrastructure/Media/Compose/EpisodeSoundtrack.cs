using System.Globalization;
using System.Text.RegularExpressions;
using DreamX.Domain.Common;
using DreamX.Domain.Media.Timeline;

namespace DreamX.Infrastructure.Media.Compose;

/// <summary>
/// The episode's sound: every line placed at its time, a music bed ducked under the speech, and the mix measured
/// (ebur128) as it is made, so one linear gain brings it to −16 LUFS integrated. The bed is ducked by the timeline
/// (it knows when every line is spoken), not by a compressor listening to the voices: a fixed
/// <see cref="DuckingDb"/> under every line, ramped in and out, whatever the loudness of the voice.
/// </summary>
public static partial class EpisodeSoundtrack
{
    public const double TargetLufs = -16;

    /// <summary>How far the music drops while a line is spoken.</summary>
    public const double DuckingDb = -15;

    /// <summary>How long the music takes to go down before a line and to come back after it.</summary>
    public const double DuckingRampSeconds = 0.25;

    /// <summary>Mixes, measures and encodes the soundtrack to AAC (<paramref name="outputPath"/>, an .m4a) on its own, for a
    /// final render to mux next to its joined picture without touching the video.</summary>
    public static async Task<Result> RenderAsync(
        EpisodeTimeline timeline, string? musicPath, RenderProfile profile, string outputPath, string workFolder, CancellationToken cancellationToken)
    {
        var premix = outputPath + ".premix.wav";
        try
        {
            var gain = await MixAsync(timeline, musicPath, premix, workFolder, cancellationToken, profile.AudioSampleRate);
            if (gain.IsFailure) return gain;
            var encoded = await FfmpegProcess.RunAsync(
                ["-v", "error", "-i", premix, "-af", NormaliseFilter(gain.Value, profile.AudioSampleRate), "-c:a", "aac", "-aac_coder", AacCoder, "-b:a", $"{profile.AudioBitrateKbps}k", "-ac", "2",
                 "-t", F(timeline.DurationSeconds), "-f", "mp4", outputPath], workFolder, cancellationToken);
            return encoded.IsSuccess ? Result.Success() : Result.Failure($"The soundtrack could not be encoded ({encoded.Error})");
        }
        finally
        {
            File.Delete(premix);
        }
    }

    /// <summary>ffmpeg's AAC coder: "fast" is better than the default "twoloop" at these bit rates (≥ 64 kb/s, says its
    /// manual) and takes half the time (1.6 against 3.5 s of CPU for a minute of stereo), time the picture needs.</summary>
    private const string AacCoder = "fast";

    /// <summary>The encoded soundtrack's cache key: what it is made of (lines by digest and time, the music by digest), how it is mixed and encoded.</summary>
    public static string Key(EpisodeTimeline timeline, IReadOnlyDictionary<int, string> audioDigests, string? musicDigest, RenderProfile profile)
    {
        var key = new System.Text.StringBuilder(string.Create(CultureInfo.InvariantCulture,
            $"mix3|{profile.AudioSampleRate}|{F(timeline.DurationSeconds)}|{musicDigest ?? "generated"}|{DuckingDb}|{DuckingRampSeconds}|{TargetLufs}|aac{profile.AudioBitrateKbps}{AacCoder}"));
        for (var i = 0; i < timeline.Shots.Count; i++)
        {
            if (timeline.Shots[i].AudioStartSeconds is { } at)
                key.Append(CultureInfo.InvariantCulture, $"|{audioDigests[i]}@{F(at)}:{F(timeline.Shots[i].Shot.Audio!.DurationSeconds)}");
        }

        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key.ToString())))[..32];
    }
    /// <summary>The sample rate of a final's soundtrack (a preview's is its profile's).</summary>
    public const int SampleRate = 48000;
    private const int PadSampleRate = 8000;

    /// <summary>Mixes the soundtrack to <paramref name="premixPath"/> (32-bit float WAV) and measures it in the same pass;
    /// the episode encode then applies the returned gain (see <see cref="NormaliseFilter"/>).</summary>
    public static async Task<Result<double>> MixAsync(
        EpisodeTimeline timeline, string? musicPath, string premixPath, string workFolder, CancellationToken cancellationToken, int sampleRate = SampleRate)
    {
        var mixed = await FfmpegProcess.RunAsync(PremixArguments(timeline, musicPath, premixPath, sampleRate), workFolder, cancellationToken);
        if (mixed.IsFailure) return Result.Failure<double>($"The soundtrack could not be mixed ({mixed.Error})");
        var integrated = ParseIntegratedLoudness(mixed.Value);
        // Silence (or nearly) has no meaningful loudness: leave it as it is.
        return integrated is { } lufs && lufs > -70 ? Math.Min(TargetLufs - lufs, 30) : 0;
    }

    /// <summary>A linear gain to the target (exact for integrated loudness), then a lookahead limiter at −1 dBFS that
    /// only touches the rare peaks the gain pushes over, without its auto-levelling.</summary>
    public static string NormaliseFilter(double gainDb, int sampleRate = SampleRate) =>
        string.Create(CultureInfo.InvariantCulture, $"volume={gainDb:F2}dB,alimiter=limit=0.891:attack=5:release=50:level=0,aresample={sampleRate}");

    private static List<string> PremixArguments(EpisodeTimeline timeline, string? musicPath, string output, int sampleRate)
    {
        var total = F(timeline.DurationSeconds);
        var arguments = new List<string> { "-v", "info" };
        var graph = new List<string>();
        var spoken = timeline.Shots.Where(s => s.Shot.Audio is not null).ToList();
        for (var i = 0; i < spoken.Count; i++)
        {
            arguments.AddRange(["-i", Path.GetFullPath(spoken[i].Shot.Audio!.Path)]);
            var delay = (long)Math.Round(spoken[i].AudioStartSeconds!.Value * 1000);
            graph.Add($"[{i}:a]aresample={sampleRate},aformat=sample_fmts=fltp:channel_layouts=stereo,adelay={delay}:all=1[s{i}]");
        }

        var speechLabels = string.Concat(Enumerable.Range(0, spoken.Count).Select(i => $"[s{i}]"));
        graph.Add(spoken.Count == 0
            ? $"anullsrc=r={sampleRate}:cl=stereo,atrim=0:{total}[speech]"
            : $"{speechLabels}amix=inputs={spoken.Count}:normalize=0:duration=longest,apad=whole_dur={total},atrim=0:{total}[speech]");

        var musicInput = spoken.Count;
        if (musicPath is not null)
        {
            arguments.AddRange(["-stream_loop", "-1", "-i", Path.GetFullPath(musicPath)]);
            graph.Add($"[{musicInput}:a]aresample={sampleRate},aformat=sample_fmts=fltp:channel_layouts=stereo,volume=0.3,atrim=0:{total}[bed]");
        }
        else
        {
            graph.Add($"{GeneratedBed(timeline.DurationSeconds, sampleRate)},atrim=0:{total}[bed]");
        }

        var fadeOut = F(Math.Max(0, timeline.DurationSeconds - 1.5));
        graph.Add($"[bed]afade=t=in:d=1,afade=t=out:st={fadeOut}:d=1.5{Ducking(timeline)}[ducked]");
        graph.Add($"[speech][ducked]amix=inputs=2:normalize=0:duration=first,atrim=0:{total}[mix]");
        graph.Add("[mix]asplit[out][measure]");
        graph.Add("[measure]ebur128=framelog=verbose[measured]");
        arguments.AddRange(["-filter_complex", string.Join(';', graph), "-map", "[out]", "-c:a", "pcm_f32le", output, "-map", "[measured]", "-f", "null", "-"]);
        return arguments;
    }

    /// <summary>
    /// The bed's volume envelope: <see cref="DuckingDb"/> while any line is spoken, full level elsewhere, with linear
    /// ramps of <see cref="DuckingRampSeconds"/> before and after each line (lines close together stay ducked between).
    /// </summary>
    private static string Ducking(EpisodeTimeline timeline)
    {
        var lines = timeline.Shots.Where(s => s.AudioStartSeconds is not null)
            .Select(s => (Start: s.AudioStartSeconds!.Value, End: s.AudioStartSeconds!.Value + s.Shot.Audio!.DurationSeconds)).ToList();
        if (lines.Count == 0) return "";
        var ramp = F(DuckingRampSeconds);
        // Each line's weight: 0 far from it, 1 while it is spoken; the bed ducks by the largest weight.
        var weights = lines.Select(l => $"clip((t-{F(l.Start - DuckingRampSeconds)})/{ramp},0,1)*clip(({F(l.End + DuckingRampSeconds)}-t)/{ramp},0,1)").ToList();
        var duck = weights.Aggregate((a, b) => $"max({a},{b})");
        var floor = Math.Pow(10, DuckingDb / 20).ToString("F5", CultureInfo.InvariantCulture);
        return $",volume=eval=frame:volume='1-(1-{floor})*{duck}'";
    }

    /// <summary>The built-in bed when no music is chosen: a soft A-major pad breathing every eight seconds (deterministic).</summary>
    private static string GeneratedBed(double seconds, int sampleRate)
    {
        const string pad = "0.05*(sin(2*PI*110*t)+0.7*sin(2*PI*164.81*t)+0.5*sin(2*PI*220*t)+0.35*sin(2*PI*277.18*t)+0.25*sin(2*PI*329.63*t))*(0.7+0.3*sin(2*PI*t/8))";
        // Everything in it lies below 1.5 kHz, so it is evaluated at 8 kHz (an expression per sample is the costly
        // part) and resampled: a sixth of the work for the same sound.
        return $"aevalsrc=exprs='{pad}|{pad.Replace("t/8", "t/8+1")}':s={PadSampleRate}:d={F(seconds + 0.5)},lowpass=f=1500," +
               $"aresample={sampleRate},aformat=sample_fmts=fltp:channel_layouts=stereo";
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
