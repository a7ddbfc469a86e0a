using DreamX.Domain.Generation.Providers;
using DreamX.Infrastructure.Providers.Builtin;
using DreamX.Tests.Support;

namespace DreamX.Tests.Infrastructure.Providers.Builtin;

public sealed class EspeakSpeechProviderTests
{
    private readonly EspeakSpeechProvider _speech = new();

    [Theory]
    [InlineData("zh-CN", "你终于回来了，我等了你整整三年。", "line-zh")]
    [InlineData("en-US", "You finally came back. I waited three whole years.", "line-en")]
    public async Task A_line_is_spoken_as_a_wav_with_its_measured_duration(string language, string text, string artifact)
    {
        var response = await _speech.SynthesizeAsync(new SpeechRequest(text, language, "narrator", Pitch: 45, WordsPerMinute: 170, Gender: "female"), CancellationToken.None);

        Assert.Equal("audio/wav", response.ContentType);
        Assert.InRange(response.Duration.TotalSeconds, 1.0, 15.0);
        var dir = Path.Combine(TestEnvironment.ArtifactsDirectory, "speech");
        Directory.CreateDirectory(dir);
        await File.WriteAllBytesAsync(Path.Combine(dir, artifact + ".wav"), response.Content);
    }

    [Fact]
    public async Task A_faster_voice_speaks_the_same_line_in_less_time()
    {
        const string text = "The storm is coming, and nobody in this town is ready for it.";
        var slow = await _speech.SynthesizeAsync(new SpeechRequest(text, "en-US", "a", WordsPerMinute: 120), CancellationToken.None);
        var fast = await _speech.SynthesizeAsync(new SpeechRequest(text, "en-US", "a", WordsPerMinute: 260), CancellationToken.None);

        Assert.True(fast.Duration < slow.Duration * 0.75, $"fast {fast.Duration} vs slow {slow.Duration}");
    }

    [Theory]
    [InlineData("zh-CN", "female", "cmn+f")]
    [InlineData("en", "male", "en-us+m")]
    public void The_language_and_gender_choose_the_espeak_voice(string language, string gender, string expectedPrefix)
    {
        var voice = EspeakSpeechProvider.VoiceFor(new SpeechRequest("x", language, "lin-wan", Gender: gender));

        Assert.StartsWith(expectedPrefix, voice);
    }

    [Fact]
    public async Task An_empty_line_fails_with_a_reason()
    {
        var failure = await Assert.ThrowsAsync<ProviderFailure>(() => _speech.SynthesizeAsync(new SpeechRequest("  ", "en", "a"), CancellationToken.None));

        Assert.False(failure.IsTransient);
    }
}
