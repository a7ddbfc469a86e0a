namespace DreamX.Domain.Generation.Providers;

/// <summary>A line to speak in a voice: language (zh-CN, en-US), the voice's key and its pitch/speed settings.</summary>
public sealed record SpeechRequest(
    string Text,
    string Language,
    string VoiceKey,
    int Pitch = 50,
    int WordsPerMinute = 160,
    string? Gender = null,
    string? Model = null);

/// <summary>The audio and its measured duration (the timeline is built on it).</summary>
public sealed record SpeechResponse(byte[] Content, string ContentType, TimeSpan Duration, ProviderUsage Usage);

/// <summary>Port: text to speech.</summary>
public interface ISpeechProvider
{
    string Name { get; }

    Task<SpeechResponse> SynthesizeAsync(SpeechRequest request, CancellationToken cancellationToken);
}
