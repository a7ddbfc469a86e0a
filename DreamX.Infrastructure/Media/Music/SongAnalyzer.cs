using DreamX.Domain.Common;
using DreamX.Domain.MusicVideos;
using DreamX.Infrastructure.Media.Compose;
using NWaves.Transforms;
using NWaves.Windows;

namespace DreamX.Infrastructure.Media.Music;

/// <summary>
/// Finds a song's tempo, beats and sections. ffmpeg decodes any supported file to mono 22.05 kHz samples; NWaves'
/// short-time Fourier transform gives the spectrogram whose log-compressed spectral flux is the onset envelope
/// (11.6 ms a frame). The tempo is the envelope's strongest autocorrelation lag between 60 and 200 BPM (weighted
/// towards 120, as listeners tap); beats are tracked on it by dynamic programming (Ellis 2007: a beat where the
/// envelope is strong and the gap to the previous beat is near the period). Sections are runs of beats of similar
/// loudness: a boundary on the beat where the loudness of the next eight beats differs from the eight before by more
/// than <see cref="SectionChangeDb"/>, no section shorter than <see cref="MinSectionSeconds"/>; long runs are split
/// on beats so that no section is longer than <see cref="MaxSectionSeconds"/>.
/// </summary>
public static class SongAnalyzer
{
    public const int SampleRate = 22050;
    public const int WindowSize = 1024;
    public const int HopSize = 256;

    public const double MinTempo = 60;
    public const double MaxTempo = 200;
    public const double SectionChangeDb = 3;
    public const double MinSectionSeconds = 6;
    public const double MaxSectionSeconds = 32;

    private const double FrameSeconds = (double)HopSize / SampleRate;

    /// <summary>Decodes <paramref name="path"/> with ffmpeg and analyses it.</summary>
    public static async Task<Result<SongAnalysis>> AnalyseFileAsync(string path, CancellationToken ct)
    {
        using var scratch = new ScratchFolder();
        var run = await FfmpegProcess.RunAsync(
            ["-i", Path.GetFullPath(path), "-vn", "-ac", "1", "-ar", SampleRate.ToString(System.Globalization.CultureInfo.InvariantCulture),
             "-f", "f32le", "-acodec", "pcm_f32le", "pcm.raw"],
            scratch.Path, ct);
        if (run.IsFailure)
            return Result<SongAnalysis>.Failure(SongRules.SongUnreadable);
        var bytes = await File.ReadAllBytesAsync(scratch.File("pcm.raw"), ct);
        var samples = new float[bytes.Length / sizeof(float)];
        Buffer.BlockCopy(bytes, 0, samples, 0, samples.Length * sizeof(float));
        if (samples.Length < SampleRate * SongRules.MinSeconds / 2)
            return Result<SongAnalysis>.Failure(SongRules.SongTooShort);
        return Analyse(samples);
    }

    /// <summary>Analyses mono samples at <see cref="SampleRate"/>.</summary>
    public static SongAnalysis Analyse(float[] samples)
    {
        var duration = (double)samples.Length / SampleRate;
        var stft = new Stft(WindowSize, HopSize, WindowType.Hann, WindowSize);
        var spectrogram = stft.Spectrogram(samples, false);

        var envelope = OnsetEnvelope(spectrogram);
        var loudness = FrameLoudness(spectrogram);
        var period = TempoPeriod(envelope);
        var beatFrames = TrackBeats(envelope, period);
        // The log-compressed flux rises most when an attack enters the Hann window's last quarter (where the window
        // climbs from zero), so a frame stands for the time three quarters of a window after its first sample.
        var offset = WindowSize * 0.75 / SampleRate;
        var beats = beatFrames.Select(f => Math.Round(f * FrameSeconds + offset, 3)).Where(t => t < duration).ToList();
        // The mean gap over the whole run: single gaps are whole frames (11.6 ms), their mean is much finer.
        var tempo = beats.Count >= 4
            ? 60.0 / ((beats[^1] - beats[0]) / (beats.Count - 1))
            : 60.0 / (period * FrameSeconds);
        var sections = Sections(loudness, beats, duration);
        return new SongAnalysis(Math.Round(duration, 3), Math.Round(tempo, 1), beats, sections);
    }

    /// <summary>Half-wave rectified spectral flux of the log-compressed magnitude spectrum, minus its local mean.</summary>
    private static double[] OnsetEnvelope(List<float[]> spectrogram)
    {
        var flux = new double[spectrogram.Count];
        float[]? previous = null;
        for (var f = 0; f < spectrogram.Count; f++)
        {
            var power = spectrogram[f];
            var compressed = new float[power.Length];
            for (var k = 0; k < power.Length; k++)
                compressed[k] = (float)Math.Log(1 + 100 * Math.Sqrt(power[k]));
            if (previous is not null)
            {
                double sum = 0;
                for (var k = 0; k < compressed.Length; k++)
                {
                    var rise = compressed[k] - previous[k];
                    if (rise > 0)
                        sum += rise;
                }
                flux[f] = sum;
            }
            previous = compressed;
        }

        // Subtract a moving average (about 0.5 s) so steady swells do not read as onsets.
        var half = (int)(0.25 / FrameSeconds);
        var envelope = new double[flux.Length];
        var prefix = new double[flux.Length + 1];
        for (var i = 0; i < flux.Length; i++)
            prefix[i + 1] = prefix[i] + flux[i];
        for (var i = 0; i < flux.Length; i++)
        {
            var lo = Math.Max(0, i - half);
            var hi = Math.Min(flux.Length, i + half + 1);
            envelope[i] = Math.Max(0, flux[i] - (prefix[hi] - prefix[lo]) / (hi - lo));
        }
        var peak = envelope.DefaultIfEmpty(0).Max();
        if (peak > 0)
            for (var i = 0; i < envelope.Length; i++)
                envelope[i] /= peak;
        return envelope;
    }

    /// <summary>Each frame's power in decibels.</summary>
    private static double[] FrameLoudness(List<float[]> spectrogram) =>
        spectrogram.Select(p => 10 * Math.Log10(p.Sum(v => (double)v) + 1e-10)).ToArray();

    /// <summary>The beat period in frames: the strongest autocorrelation lag of the envelope, weighted by a log-normal prior around 120 BPM.</summary>
    private static double TempoPeriod(double[] envelope)
    {
        var minLag = (int)Math.Floor(60 / MaxTempo / FrameSeconds);
        var maxLag = (int)Math.Ceiling(60 / MinTempo / FrameSeconds);
        var n = envelope.Length;
        var mean = envelope.Average();
        var centred = envelope.Select(v => v - mean).ToArray();
        var scores = new double[maxLag + 2];
        for (var lag = minLag; lag <= maxLag + 1 && lag < n; lag++)
        {
            double sum = 0;
            for (var i = lag; i < n; i++)
                sum += centred[i] * centred[i - lag];
            scores[lag] = sum / (n - lag);
        }

        var best = -1;
        var bestScore = double.NegativeInfinity;
        for (var lag = minLag; lag <= maxLag && lag < n; lag++)
        {
            var bpm = 60 / (lag * FrameSeconds);
            var prior = Math.Exp(-0.5 * Math.Pow(Math.Log2(bpm / 120) / 1.0, 2));
            var score = scores[lag] * prior;
            if (score > bestScore)
            {
                bestScore = score;
                best = lag;
            }
        }
        if (best <= 0)
            return 0.5 / FrameSeconds;

        // Parabolic interpolation between the neighbouring lags for a period finer than a frame.
        if (best > minLag && best < maxLag)
        {
            double a = scores[best - 1], b = scores[best], c = scores[best + 1];
            var denominator = a - 2 * b + c;
            if (Math.Abs(denominator) > 1e-12)
                return best + Math.Clamp(0.5 * (a - c) / denominator, -0.5, 0.5);
        }
        return best;
    }

    /// <summary>Ellis's dynamic-programming beat tracker over the onset envelope.</summary>
    private static List<int> TrackBeats(double[] envelope, double period)
    {
        const double tightness = 100;
        var n = envelope.Length;
        var score = new double[n];
        var previous = new int[n];
        var from = (int)Math.Round(period / 2);
        var to = (int)Math.Round(period * 2);
        for (var t = 0; t < n; t++)
        {
            var best = 0.0;
            var bestAt = -1;
            for (var gap = from; gap <= to; gap++)
            {
                var p = t - gap;
                if (p < 0)
                    break;
                var penalty = Math.Log(gap / period);
                var candidate = score[p] - tightness * penalty * penalty;
                if (bestAt < 0 || candidate > best)
                {
                    best = candidate;
                    bestAt = p;
                }
            }
            score[t] = envelope[t] + (bestAt >= 0 ? Math.Max(0, best) : 0);
            previous[t] = bestAt >= 0 && best > 0 ? bestAt : -1;
        }

        // End on the best-scoring frame in the last period, then walk back.
        var start = Math.Max(0, n - (int)Math.Ceiling(period));
        var last = start;
        for (var t = start; t < n; t++)
            if (score[t] > score[last])
                last = t;
        var beats = new List<int>();
        for (var t = last; t >= 0; t = previous[t])
            beats.Add(t);
        beats.Reverse();

        // Extend the grid over a quiet start or end, where the tracker had nothing to lock on to.
        while (beats.Count > 0 && beats[0] - period >= 0)
            beats.Insert(0, (int)Math.Round(beats[0] - period));
        while (beats.Count > 0 && beats[^1] + period < n)
            beats.Add((int)Math.Round(beats[^1] + period));
        return beats;
    }

    private static List<SongSection> Sections(double[] loudness, List<double> beats, double duration)
    {
        // The places a section may start: the beats, with the song's start and end closing the first and last.
        var marks = new List<double> { 0 };
        foreach (var beat in beats)
            if (beat - marks[^1] > 0.2)
                marks.Add(beat);
        if (duration - marks[^1] < 0.2)
            marks[^1] = duration;
        else
            marks.Add(duration);

        var beatDb = new double[marks.Count - 1];
        for (var b = 0; b < beatDb.Length; b++)
            beatDb[b] = MeanDb(loudness, marks[b], marks[b + 1]);

        // Boundaries where the next eight beats differ from the last eight by more than SectionChangeDb, the biggest
        // change first, none closer than MinSectionSeconds to another or to the ends.
        const int window = 8;
        var candidates = new List<(int Mark, double Change)>();
        for (var b = 1; b < beatDb.Length; b++)
        {
            var before = PowerMean(beatDb.Skip(Math.Max(0, b - window)).Take(Math.Min(window, b)));
            var after = PowerMean(beatDb.Skip(b).Take(window));
            var change = Math.Abs(after - before);
            if (change >= SectionChangeDb)
                candidates.Add((b, change));
        }
        var cuts = new SortedSet<int>();
        foreach (var (mark, _) in candidates.OrderByDescending(c => c.Change))
        {
            var at = marks[mark];
            if (at < MinSectionSeconds || duration - at < MinSectionSeconds)
                continue;
            if (cuts.Any(c => Math.Abs(marks[c] - at) < MinSectionSeconds))
                continue;
            cuts.Add(mark);
        }

        // Too long a run is split evenly, on beats.
        var bounds = new List<int> { 0 };
        foreach (var cut in cuts.Append(marks.Count - 1))
        {
            var first = bounds[^1];
            var length = marks[cut] - marks[first];
            var pieces = (int)Math.Ceiling(length / MaxSectionSeconds);
            for (var p = 1; p < pieces; p++)
            {
                var target = marks[first] + p * length / pieces;
                var nearest = Enumerable.Range(first + 1, Math.Max(0, cut - first - 1)).OrderBy(i => Math.Abs(marks[i] - target)).FirstOrDefault();
                if (nearest > bounds[^1])
                    bounds.Add(nearest);
            }
            bounds.Add(cut);
        }

        var spans = bounds.Zip(bounds.Skip(1), (a, b) => (Start: marks[a], End: marks[b])).Where(s => s.End > s.Start).ToList();
        var levels = spans.Select(s => MeanDb(loudness, s.Start, s.End)).ToList();
        var loudest = levels.Max();
        var quietest = levels.Min();
        var range = loudest - quietest;
        var sections = new List<SongSection>();
        for (var i = 0; i < spans.Count; i++)
        {
            var level = levels[i];
            // Relative to the song's own range: a steady song is all one energy (medium), not all loud.
            var energy = range < SectionChangeDb
                ? SongEnergy.Medium
                : level >= loudest - range / 3 ? SongEnergy.High : level <= quietest + range / 3 ? SongEnergy.Low : SongEnergy.Medium;
            var kind = energy switch
            {
                SongEnergy.Low when i == 0 && spans.Count > 1 => SongSectionKind.Intro,
                SongEnergy.Low when i == spans.Count - 1 && spans.Count > 1 => SongSectionKind.Outro,
                SongEnergy.High => SongSectionKind.Chorus,
                SongEnergy.Low => SongSectionKind.Bridge,
                _ => SongSectionKind.Verse,
            };
            sections.Add(new(i + 1, kind, Math.Round(spans[i].Start, 3), Math.Round(spans[i].End, 3), energy, Math.Round(level, 1)));
        }
        return sections;
    }

    /// <summary>The mean of decibel levels taken on their powers.</summary>
    private static double PowerMean(IEnumerable<double> levels) => 10 * Math.Log10(levels.Select(l => Math.Pow(10, l / 10)).DefaultIfEmpty(1e-10).Average());

    /// <summary>The mean power (dB) of the frames whose whole window lies in [start, end), so a loud bar does not leak into the quiet one before it.</summary>
    private static double MeanDb(double[] loudness, double start, double end)
    {
        var window = (double)WindowSize / SampleRate;
        var from = Math.Clamp((int)Math.Ceiling(start / FrameSeconds), 0, loudness.Length - 1);
        var to = Math.Clamp((int)Math.Floor((end - window) / FrameSeconds) + 1, from + 1, loudness.Length);
        // Average the power, not the decibels, so a loud hit counts as loud.
        double sum = 0;
        for (var i = from; i < to; i++)
            sum += Math.Pow(10, loudness[i] / 10);
        return 10 * Math.Log10(sum / (to - from) + 1e-10);
    }
}
