using DreamX.Domain.MusicVideos;
using DreamX.Infrastructure.Assets;
using DreamX.Infrastructure.Media.Compose;
using DreamX.Infrastructure.Media.Music;
using Xunit.Abstractions;

namespace DreamX.Tests.Infrastructure.Media.Music;

/// <summary>Tempo, beats and sections found by the analyser (ffmpeg decoding, NWaves' STFT) on click tracks and a real bed.</summary>
public sealed class SongAnalyzerTests(ITestOutputHelper output)
{
    private const int Rate = 44100;

    /// <summary>
    /// A click track: a 4 ms burst of a 2 kHz tone (sharp attack, quick decay) on every beat from <paramref name="first"/>,
    /// over quiet noise; between <paramref name="loudFrom"/> and <paramref name="loudTo"/> a loud chord joins in.
    /// </summary>
    internal static (float[] Samples, List<double> Beats) ClickTrack(double bpm, double seconds, double first, double loudFrom = -1, double loudTo = -1)
    {
        var samples = new float[(int)(seconds * Rate)];
        var random = new Random(42);
        for (var i = 0; i < samples.Length; i++)
        {
            var t = (double)i / Rate;
            samples[i] = (float)((random.NextDouble() - 0.5) * 0.004);
            if (t >= loudFrom && t < loudTo)
                samples[i] += (float)(0.25 * (Math.Sin(2 * Math.PI * 220 * t) + Math.Sin(2 * Math.PI * 277.18 * t) + Math.Sin(2 * Math.PI * 329.63 * t)) / 3);
        }
        var beats = new List<double>();
        for (var beat = first; beat < seconds - 0.05; beat += 60 / bpm)
        {
            beats.Add(beat);
            var start = (int)Math.Round(beat * Rate);
            for (var k = 0; k < Rate / 250 && start + k < samples.Length; k++)
                samples[start + k] += (float)(0.6 * Math.Exp(-k / (Rate * 0.001)) * Math.Sin(2 * Math.PI * 2000 * k / Rate));
        }
        return (samples, beats);
    }

    /// <summary>16-bit stereo PCM WAV bytes.</summary>
    internal static byte[] Wav(float[] samples)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        var dataBytes = samples.Length * 2 * 2;
        writer.Write("RIFF"u8);
        writer.Write(36 + dataBytes);
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)2);
        writer.Write(Rate);
        writer.Write(Rate * 4);
        writer.Write((short)4);
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(dataBytes);
        foreach (var sample in samples)
        {
            var value = (short)Math.Clamp(sample * 32767, short.MinValue, short.MaxValue);
            writer.Write(value);
            writer.Write(value);
        }
        writer.Flush();
        return stream.ToArray();
    }

    private static async Task<SongAnalysis> AnalyseAsync(byte[] file, string extension)
    {
        var folder = Directory.CreateTempSubdirectory("dreamx-song-").FullName;
        try
        {
            var path = Path.Combine(folder, "song." + extension);
            await File.WriteAllBytesAsync(path, file);
            var analysed = await SongAnalyzer.AnalyseFileAsync(path, CancellationToken.None);
            Assert.True(analysed.IsSuccess, analysed.Error);
            return analysed.Value;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Every true beat has a found beat within <paramref name="tolerance"/> seconds; returns the worst distance.</summary>
    private double AssertBeatsFound(IReadOnlyList<double> truth, IReadOnlyList<double> found, double tolerance)
    {
        var worst = 0.0;
        foreach (var beat in truth)
        {
            var nearest = found.MinBy(f => Math.Abs(f - beat));
            var distance = Math.Abs(nearest - beat);
            worst = Math.Max(worst, distance);
            Assert.True(distance <= tolerance, $"beat at {beat:0.000} s: nearest found {nearest:0.000} s ({distance * 1000:0} ms off)");
        }
        output.WriteLine($"{truth.Count} beats, worst {worst * 1000:0.0} ms off; {found.Count} found");
        return worst;
    }

    [Theory]
    [InlineData(120, 0.25)]
    [InlineData(128, 0.40)]
    [InlineData(93, 0.10)]
    public async Task A_click_track_gives_its_tempo_and_every_beat_within_30_ms(double bpm, double first)
    {
        var (samples, beats) = ClickTrack(bpm, 30, first);

        var song = await AnalyseAsync(Wav(samples), "wav");

        output.WriteLine($"tempo {song.Tempo} (true {bpm})");
        Assert.InRange(song.Tempo, bpm - 1.5, bpm + 1.5);
        Assert.InRange(song.DurationSeconds, 29.9, 30.1);
        AssertBeatsFound(beats, song.Beats, 0.030);
        // No phantom beats between the clicks: as many beats as clicks (the grid may add one at either end).
        Assert.InRange(song.Beats.Count, beats.Count - 1, beats.Count + 2);
    }

    [Fact]
    public async Task An_mp3_click_track_decodes_to_the_same_beats()
    {
        var (samples, beats) = ClickTrack(110, 24, 0.3);
        var folder = Directory.CreateTempSubdirectory("dreamx-song-").FullName;
        try
        {
            await File.WriteAllBytesAsync(Path.Combine(folder, "click.wav"), Wav(samples));
            var encoded = await FfmpegProcess.RunAsync(["-i", "click.wav", "-c:a", "libmp3lame", "-b:a", "160k", "click.mp3"], folder, CancellationToken.None);
            Assert.True(encoded.IsSuccess, encoded.Error);

            var song = await AnalyseAsync(await File.ReadAllBytesAsync(Path.Combine(folder, "click.mp3")), "mp3");

            Assert.InRange(song.Tempo, 108.5, 111.5);
            AssertBeatsFound(beats, song.Beats, 0.030);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_loud_passage_is_its_own_section_starting_on_a_bar_line_and_marked_high()
    {
        // 120 BPM: bars of 2 s from 0.5 s; the chord plays from 16.5 s to 32.5 s of 48.
        var (samples, _) = ClickTrack(120, 48, 0.5, loudFrom: 16.5, loudTo: 32.5);

        var song = await AnalyseAsync(Wav(samples), "wav");

        output.WriteLine(string.Join("\n", song.Sections));
        Assert.Equal(0, song.Sections[0].Start);
        Assert.Equal(song.DurationSeconds, song.Sections[^1].End, 2);
        Assert.All(song.Sections.Zip(song.Sections.Skip(1)), pair => Assert.Equal(pair.First.End, pair.Second.Start));
        var loud = Assert.Single(song.Sections, s => s.Energy == SongEnergy.High);
        Assert.InRange(loud.Start, 16.5 - 0.05, 16.5 + 0.05);
        Assert.InRange(loud.End, 32.5 - 0.05, 32.5 + 0.05);
        Assert.Equal(SongSectionKind.Chorus, loud.Kind);
        Assert.Equal(SongSectionKind.Intro, song.Sections[0].Kind);
        Assert.Equal(SongSectionKind.Outro, song.Sections[^1].Kind);
        // Sections begin on beats (bar lines), so the shots cut inside them do too.
        Assert.All(song.Sections.Skip(1), s => Assert.Contains(song.Beats, b => Math.Abs(b - s.Start) < 1e-6));
    }

    [Fact]
    public async Task The_catalogues_pulsing_bed_is_analysed_at_its_pulse_and_split_into_covering_sections()
    {
        if (!DemoMusicBeds.CanRender)
            Assert.Fail("ffmpeg is required");
        // "Night Pulse": a minor chord whose tremolo swells twice a second (120 per minute), faded in and out.
        var bed = DemoMusicBeds.All.Single(b => b.Tremolo >= 1);
        var mp3 = await DemoMusicBeds.RenderAsync(bed, CancellationToken.None);
        Assert.True(mp3.IsSuccess, mp3.Error);

        var song = await AnalyseAsync(mp3.Value, "mp3");

        output.WriteLine($"tempo {song.Tempo}; beats {song.Beats.Count}; sections:\n{string.Join("\n", song.Sections)}");
        Assert.InRange(song.DurationSeconds, DemoMusicBeds.Seconds - 0.2, DemoMusicBeds.Seconds + 0.2);
        Assert.InRange(song.Tempo, 117, 123);
        // Beats come once per swell, evenly.
        var gaps = song.Beats.Zip(song.Beats.Skip(1), (a, b) => b - a).ToList();
        Assert.All(gaps, g => Assert.InRange(g, 0.45, 0.55));
        Assert.NotEmpty(song.Sections);
        Assert.Equal(0, song.Sections[0].Start);
        Assert.Equal(song.DurationSeconds, song.Sections[^1].End, 2);
        Assert.All(song.Sections, s => Assert.InRange(s.Duration, 0.5, SongAnalyzer.MaxSectionSeconds));
    }
}
