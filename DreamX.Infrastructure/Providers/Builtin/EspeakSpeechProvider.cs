using System.Globalization;
using DreamX.Domain.Generation.Providers;
using DreamX.Infrastructure.Media;
using DreamX.Infrastructure.Providers.Builtin.Illustration;

namespace DreamX.Infrastructure.Providers.Builtin;

/// <summary>
/// Offline speech through espeak-ng: Mandarin (cmn) for zh, American English otherwise; a voice variant chosen
/// from the voice key and gender so that each character keeps its own voice; pitch and speed from the request.
/// </summary>
public sealed class EspeakSpeechProvider : ISpeechProvider
{
    public const string ProviderName = BuiltinProviders.Name;
    public const string ModelName = "espeak-ng";

    private static readonly string[] FemaleVariants = ["f1", "f2", "f3", "f4", "f5"];
    private static readonly string[] MaleVariants = ["m1", "m2", "m3", "m4", "m5", "m6", "m7"];

    private readonly ExternalTool _espeak = new("espeak-ng");

    public string Name => ProviderName;

    public async Task<SpeechResponse> SynthesizeAsync(SpeechRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Text))
            throw new ProviderFailure(Name, "There is no text to speak.", isTransient: false);
        if (_espeak.Locate() is null)
            throw new ProviderFailure(Name, "espeak-ng is not installed: built-in speech needs it (apt-get install espeak-ng).", isTransient: false);

        using var scratch = new ScratchFolder();
        var textFile = scratch.File("line.txt");
        var wavFile = scratch.File("line.wav");
        await File.WriteAllTextAsync(textFile, request.Text, cancellationToken);

        var run = await _espeak.RunAsync(
        [
            "-v", VoiceFor(request),
            "-p", Math.Clamp(request.Pitch, 0, 99).ToString(CultureInfo.InvariantCulture),
            "-s", SpeechPace.EspeakSpeed(LanguageOf(request), request.WordsPerMinute).ToString(CultureInfo.InvariantCulture),
            "-b", "1",
            "-w", wavFile,
            "-f", textFile,
        ], cancellationToken);

        if (!run.Succeeded || !File.Exists(wavFile))
            throw new ProviderFailure(Name, $"espeak-ng failed (exit {run.ExitCode}): {run.ErrorTail}", isTransient: false);

        var wav = await File.ReadAllBytesAsync(wavFile, cancellationToken);
        var duration = WavFile.Duration(wav);
        if (duration is not { } measured || measured <= TimeSpan.Zero)
            throw new ProviderFailure(Name, "espeak-ng produced no audio for this line.", isTransient: false);
        return new SpeechResponse(wav, "audio/wav", measured, new ProviderUsage(Name, ModelName));
    }

    private static string LanguageOf(SpeechRequest request) =>
        request.VoiceKey?.Trim().StartsWith("cmn", StringComparison.OrdinalIgnoreCase) == true ? "cmn" : request.Language;

    /// <summary>"cmn+f3"-style voice: a key that already names an espeak voice is used as it is.</summary>
    public static string VoiceFor(SpeechRequest request)
    {
        var key = request.VoiceKey?.Trim() ?? "";
        if (key.StartsWith("cmn", StringComparison.OrdinalIgnoreCase) || key.StartsWith("en-", StringComparison.OrdinalIgnoreCase))
            return key;

        var language = request.Language.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? "cmn" : "en-us";
        var female = request.Gender is { Length: > 0 } gender && (gender.StartsWith('f') || gender.StartsWith('F') || gender.Contains('女'));
        var variants = female ? FemaleVariants : MaleVariants;
        var variant = variants[StableHash.Of(key) % (uint)variants.Length];
        return $"{language}+{variant}";
    }
}
