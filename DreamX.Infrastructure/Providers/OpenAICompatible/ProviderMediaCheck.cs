using System.Buffers.Binary;
using System.Globalization;
using DreamX.Infrastructure.Media;
using SkiaSharp;

namespace DreamX.Infrastructure.Providers.OpenAICompatible;

/// <summary>What a decoded speech answer holds.</summary>
internal sealed record SpeechMeasure(TimeSpan Duration, double Peak);

/// <summary>
/// Checks a provider's media before the studio accepts it: an image must decode and be at least
/// <see cref="MinImageSide"/> px on its short side; speech must decode (ffmpeg), not be silent, and last about as long as
/// its text takes to say. A problem comes back as a sentence (the caller turns it into a provider failure).
/// </summary>
internal static class ProviderMediaCheck
{
    public const int MinImageSide = 256;
    public const int MaxImageSide = 8192;

    /// <summary>Peak amplitude (0-1) below which a clip counts as silent (about -50 dBFS).</summary>
    public const double SilencePeak = 0.003;

    private const int SampleRate = 16000;
    private static readonly ExternalTool Ffmpeg = new("ffmpeg");

    /// <summary>Null when <paramref name="image"/> decodes and is large enough, else why not.</summary>
    public static string? ImageProblem(byte[] image)
    {
        using var data = SKData.CreateCopy(image);
        using var codec = SKCodec.Create(data);
        if (codec is null)
            return "the image does not decode";
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width <= 0 || height <= 0 || width > MaxImageSide || height > MaxImageSide)
            return $"the image is {width}×{height} px, outside 1-{MaxImageSide} px a side";
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var bitmap = new SKBitmap(info);
        if (codec.GetPixels(info, bitmap.GetPixels()) != SKCodecResult.Success)
            return "the image is truncated or corrupt";
        if (Math.Min(width, height) < MinImageSide)
            return $"the image is only {width}×{height} px (at least {MinImageSide} px on the short side is needed)";
        return null;
    }

    /// <summary>Decodes <paramref name="audio"/> with ffmpeg and measures its length and loudest sample.</summary>
    /// <exception cref="InvalidDataException">ffmpeg cannot decode it.</exception>
    public static async Task<SpeechMeasure> MeasureSpeechAsync(byte[] audio, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("dreamx-speech-");
        try
        {
            var input = Path.Combine(folder.FullName, "in");
            var output = Path.Combine(folder.FullName, "out.raw");
            await File.WriteAllBytesAsync(input, audio, cancellationToken);
            var run = await Ffmpeg.RunAsync(
                ["-v", "error", "-nostdin", "-i", input, "-vn", "-ac", "1", "-ar", SampleRate.ToString(CultureInfo.InvariantCulture), "-f", "s16le", "-y", output],
                cancellationToken);
            if (!run.Succeeded || !File.Exists(output))
                throw new InvalidDataException($"the speech does not decode ({run.ErrorTail})");

            var pcm = await File.ReadAllBytesAsync(output, cancellationToken);
            var samples = pcm.Length / 2;
            var peak = 0;
            for (var i = 0; i + 1 < pcm.Length; i += 2)
                peak = Math.Max(peak, Math.Abs((int)BinaryPrimitives.ReadInt16LittleEndian(pcm.AsSpan(i, 2))));
            return new SpeechMeasure(TimeSpan.FromSeconds(samples / (double)SampleRate), peak / 32768.0);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Null when <paramref name="measure"/> is audible and of a plausible length for <paramref name="text"/>, else why not.</summary>
    public static string? SpeechProblem(SpeechMeasure measure, string text)
    {
        if (measure.Duration <= TimeSpan.Zero)
            return "the speech holds no audio";
        if (measure.Peak < SilencePeak)
            return $"the speech is silent (peak {20 * Math.Log10(Math.Max(measure.Peak, 1e-6)):0} dBFS)";
        var (shortest, longest) = PlausibleLength(text);
        var seconds = measure.Duration.TotalSeconds;
        if (seconds < shortest.TotalSeconds)
            return $"the speech lasts {seconds:0.##} s, too short for its {text.Length} characters (at least {shortest.TotalSeconds:0.##} s expected)";
        if (seconds > longest.TotalSeconds)
            return $"the speech lasts {seconds:0.#} s, too long for its {text.Length} characters (at most {longest.TotalSeconds:0.#} s expected)";
        return null;
    }

    /// <summary>
    /// How long saying <paramref name="text"/> may take: from three times faster than a natural pace (about 4.5 Chinese
    /// characters or 2.8 English words a second) to three times slower, plus pauses.
    /// </summary>
    public static (TimeSpan Shortest, TimeSpan Longest) PlausibleLength(string text)
    {
        var ideographs = 0;
        var words = 0;
        var inWord = false;
        foreach (var ch in text)
        {
            if (ch is >= '\u3400' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF' || ch is >= '\u3040' and <= '\u30FF' || ch is >= '\uAC00' and <= '\uD7AF')
            {
                ideographs++;
                inWord = false;
            }
            else if (char.IsLetterOrDigit(ch))
            {
                if (!inWord)
                    words++;
                inWord = true;
            }
            else
            {
                inWord = false;
            }
        }
        var natural = ideographs / 4.5 + words / 2.8;
        return (TimeSpan.FromSeconds(Math.Max(0.2, natural / 3)), TimeSpan.FromSeconds(3 + natural * 3));
    }
}
