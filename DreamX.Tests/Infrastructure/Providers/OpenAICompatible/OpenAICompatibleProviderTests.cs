using System.Diagnostics;
using DreamX.Domain.Generation;
using DreamX.Domain.Generation.Providers;
using DreamX.Infrastructure.Providers.Builtin;
using DreamX.Infrastructure.Providers.OpenAICompatible;
using DreamX.Tests.Support;
using DreamX.Tests.Support.FakeOpenAi;

namespace DreamX.Tests.Infrastructure.Providers.OpenAICompatible;

public sealed class OpenAICompatibleProviderTests : IAsyncLifetime
{
    private const string Schema = """{"type":"object","required":["title"],"properties":{"title":{"type":"string"}}}""";
    private static readonly TextRequest Request = new(GenerationTaskType.StoryBible, "zh-CN", "You write short dramas.", "Write the bible.", """{"idea":"雨夜重逢"}""", Schema);

    private FakeOpenAiServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_valid_json_answer_is_returned_with_its_token_usage_and_cost()
    {
        _server.OnChat(FakeReply.Chat("""{"title":"雨夜重逢"}""", promptTokens: 1000, completionTokens: 500));

        var response = await Provider().CompleteJsonAsync(Request, CancellationToken.None);

        Assert.Equal("""{"title":"雨夜重逢"}""", response.Json);
        Assert.Equal(new ProviderUsage("fake-ai", "fake-chat", 1000, 500, 0.002m * 1 + 0.004m * 0.5m), response.Usage);
    }

    [Fact]
    public async Task The_call_asks_for_json_mode_with_the_key_and_the_configured_model()
    {
        _server.OnChat(FakeReply.Chat("""{"title":"x"}"""));

        await Provider().CompleteJsonAsync(Request, CancellationToken.None);

        var sent = Assert.Single(_server.RequestsTo("chat/completions"));
        Assert.Equal("Bearer sk-test", sent.Authorization);
        Assert.Equal("fake-chat", sent.Body!["model"]!.ToString());
        Assert.Equal("json_object", sent.Body["response_format"]!["type"]!.ToString());
    }

    [Theory]
    [InlineData("```json\n{\"title\":\"雨夜\"}\n```")]
    [InlineData("好的，这是故事圣经：{\"title\":\"雨夜\"} 希望你喜欢。")]
    public async Task Json_wrapped_in_a_code_fence_or_prose_is_extracted(string content)
    {
        _server.OnChat(FakeReply.Chat(content));

        var response = await Provider().CompleteJsonAsync(Request, CancellationToken.None);

        Assert.Equal("""{"title":"雨夜"}""", response.Json);
    }

    [Fact]
    public async Task Invalid_json_is_repaired_once_by_telling_the_model_what_is_wrong()
    {
        _server.OnChat(FakeReply.Chat("""{"name":"no title here"}""", 100, 50), FakeReply.Chat("""{"title":"修好了"}""", 200, 40));

        var response = await Provider().CompleteJsonAsync(Request, CancellationToken.None);

        Assert.Equal("""{"title":"修好了"}""", response.Json);
        Assert.Equal((300, 90), (response.Usage.TokensIn, response.Usage.TokensOut));
        var repair = _server.RequestsTo("chat/completions")[1];
        Assert.Contains("$.title is required but missing", repair.Body!["messages"]!.AsArray()[^1]!["content"]!.ToString());
    }

    [Fact]
    public async Task Invalid_json_twice_fails_permanently_with_the_reason()
    {
        _server.OnChat(FakeReply.Chat("not json at all"), FakeReply.Chat("""{"title": 42}"""));

        var failure = await Assert.ThrowsAsync<ProviderFailure>(() => Provider().CompleteJsonAsync(Request, CancellationToken.None));

        Assert.False(failure.IsTransient);
        Assert.Contains("$.title should be string", failure.Message);
        Assert.Equal(2, _server.RequestsTo("chat/completions").Count);
    }

    [Fact]
    public async Task Too_many_requests_is_transient_and_carries_the_retry_after()
    {
        _server.OnChat(FakeReply.Error(429, "slow down", retryAfterSeconds: 7));

        var failure = await Assert.ThrowsAsync<ProviderFailure>(() => Provider().CompleteJsonAsync(Request, CancellationToken.None));

        Assert.True(failure.IsTransient);
        Assert.Equal(TimeSpan.FromSeconds(7), failure.RetryAfter);
        Assert.Contains("slow down", failure.Message);
    }

    [Fact]
    public async Task A_server_error_is_transient_and_the_next_call_succeeds()
    {
        _server.OnChat(FakeReply.Error(500, "overloaded"), FakeReply.Chat("""{"title":"ok"}"""));
        var provider = Provider();

        var failure = await Assert.ThrowsAsync<ProviderFailure>(() => provider.CompleteJsonAsync(Request, CancellationToken.None));
        var retried = await provider.CompleteJsonAsync(Request, CancellationToken.None);

        Assert.True(failure.IsTransient);
        Assert.Equal("""{"title":"ok"}""", retried.Json);
    }

    [Fact]
    public async Task A_client_error_is_permanent()
    {
        _server.OnChat(FakeReply.Error(401, "invalid api key"));

        var failure = await Assert.ThrowsAsync<ProviderFailure>(() => Provider().CompleteJsonAsync(Request, CancellationToken.None));

        Assert.False(failure.IsTransient);
        Assert.Contains("invalid api key", failure.Message);
    }

    [Fact]
    public async Task A_call_that_hangs_past_the_timeout_fails_as_transient_without_waiting_for_it()
    {
        _server.OnChat(FakeReply.Hang(TimeSpan.FromSeconds(20)));
        var watch = Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<ProviderFailure>(() => Provider(timeout: TimeSpan.FromMilliseconds(500)).CompleteJsonAsync(Request, CancellationToken.None));

        Assert.True(failure.IsTransient);
        Assert.Contains("No answer within", failure.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"waited {watch.Elapsed} for a 20 s hang");
    }

    [Fact]
    public async Task An_image_comes_back_from_base64()
    {
        var png = await SamplePngAsync();
        _server.OnImage(FakeReply.ImageBase64(png));

        var image = await Provider().GenerateImageAsync(ImageRequest(), CancellationToken.None);

        Assert.Equal(png, image.Content);
        Assert.Equal("image/png", image.ContentType);
        Assert.Equal(0.04m, image.Usage.Cost);
        Assert.Equal("720x1280", _server.RequestsTo("images/generations")[0].Body!["size"]!.ToString());
    }

    [Fact]
    public async Task An_image_given_as_a_url_is_downloaded()
    {
        var png = await SamplePngAsync();
        _server.OnImage(FakeReply.ImageUrl(_server.Address + "/files/frame.png")).OnFile(FakeReply.Bytes(png, "image/png"));

        var image = await Provider().GenerateImageAsync(ImageRequest(), CancellationToken.None);

        Assert.Equal(png, image.Content);
    }

    [Fact]
    public async Task Request_bodies_are_sent_with_a_content_length_not_chunked()
    {
        _server.OnChat(FakeReply.Chat("""{"title":"x"}"""));

        await Provider().CompleteJsonAsync(Request, CancellationToken.None);

        var sent = Assert.Single(_server.Requests);
        Assert.False(sent.Chunked);
    }

    [Fact]
    public async Task The_fake_server_refuses_a_chunked_body_as_strict_gateways_do()
    {
        using var http = new HttpClient();
        using var chunked = new StreamContent(new NonSeekableStream("""{"model":"x"}"""u8.ToArray()));
        chunked.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        using var response = await http.PostAsync(_server.BaseUrl + "/chat/completions", chunked);

        Assert.Equal(System.Net.HttpStatusCode.LengthRequired, response.StatusCode);
        Assert.True(Assert.Single(_server.Requests).Chunked);
    }

    [Fact]
    public async Task An_image_smaller_than_256_px_is_refused_as_a_transient_provider_error()
    {
        _server.OnImage(FakeReply.ImageBase64(await SamplePngAsync(64, 64)));

        var failure = await Assert.ThrowsAsync<ProviderFailure>(() => Provider().GenerateImageAsync(ImageRequest(), CancellationToken.None));

        Assert.True(failure.IsTransient);
        Assert.Contains("64×64", failure.Message);
    }

    [Fact]
    public async Task An_image_that_does_not_decode_is_refused()
    {
        var png = await SamplePngAsync();
        _server.OnImage(FakeReply.ImageBase64(png[..(png.Length / 3)]));

        var failure = await Assert.ThrowsAsync<ProviderFailure>(() => Provider().GenerateImageAsync(ImageRequest(), CancellationToken.None));

        Assert.Contains("cannot be used", failure.Message);
    }

    [Fact]
    public async Task Silent_speech_is_refused_as_a_transient_provider_error()
    {
        _server.OnSpeech(FakeReply.Bytes(Wav(1.0), "audio/wav"));

        var failure = await Assert.ThrowsAsync<ProviderFailure>(() =>
            Provider().SynthesizeAsync(new SpeechRequest("Hello there, old friend.", "en", "alloy"), CancellationToken.None));

        Assert.True(failure.IsTransient);
        Assert.Contains("silent", failure.Message);
    }

    [Theory]
    [InlineData(0.3, "too short")] // 0.3 s for a 40-character Chinese line
    [InlineData(60, "too long")]
    public async Task Speech_of_an_implausible_length_for_its_text_is_refused(double seconds, string expected)
    {
        _server.OnSpeech(FakeReply.Bytes(Wav(seconds, amplitude: 0.3), "audio/wav"));

        var failure = await Assert.ThrowsAsync<ProviderFailure>(() => Provider().SynthesizeAsync(
            new SpeechRequest("那天夜里下着大雨，我在路边捡到一部手机，屏幕上是妹妹十年前发来的求救信息。", "zh-CN", "alloy"), CancellationToken.None));

        Assert.Contains(expected, failure.Message);
    }

    [Fact]
    public async Task Speech_bytes_come_back_with_their_measured_duration()
    {
        var wav = (await new EspeakSpeechProvider().SynthesizeAsync(new SpeechRequest("Hello there, old friend.", "en", "a"), CancellationToken.None)).Content;
        _server.OnSpeech(FakeReply.Bytes(wav, "audio/wav"));

        var speech = await Provider().SynthesizeAsync(new SpeechRequest("Hello there, old friend.", "en", "alloy"), CancellationToken.None);

        Assert.Equal(wav, speech.Content);
        Assert.InRange(speech.Duration.TotalSeconds, 0.5, 5);
        Assert.Equal("alloy", _server.RequestsTo("audio/speech")[0].Body!["voice"]!.ToString());
    }

    // The fake listens on loopback, which the outbound guard refuses unless allowlisted, as for a local model server.
    private OpenAICompatibleProvider Provider(TimeSpan? timeout = null) =>
        new(Config(_server.BaseUrl), "sk-test", TestOutbound.Http(allowedHosts: "127.0.0.1"),
            new OpenAICompatibleOptions { RequestTimeout = timeout ?? TimeSpan.FromSeconds(10) }, TimeProvider.System);

    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }

    internal static ProviderConfig Config(string baseUrl, string name = "fake-ai") => new()
    {
        Name = name,
        Kind = ProviderKind.OpenAICompatible,
        Capabilities = ProviderCapabilities.Text | ProviderCapabilities.Image | ProviderCapabilities.Speech,
        BaseUrl = baseUrl,
        TextModel = "fake-chat",
        ImageModel = "fake-image",
        SpeechModel = "fake-tts",
        Prices = new Dictionary<string, decimal>
        {
            [ProviderPrices.TextInputPer1K] = 0.002m,
            [ProviderPrices.TextOutputPer1K] = 0.004m,
            [ProviderPrices.Image] = 0.04m,
        },
    };

    private static ImageRequest ImageRequest() => new("a rainy street", 720, 1280, "noir", ["#000000", "#FFFFFF"], ImageKind.ShotFrame);

    private static async Task<byte[]> SamplePngAsync(int width = 320, int height = 480) =>
        (await new BuiltinIllustrator().GenerateImageAsync(new ImageRequest("x", width, height, "s", [], ImageKind.StyleSample), CancellationToken.None)).Content;

    /// <summary>A mono 16-bit WAV of <paramref name="seconds"/> of silence, or of a tone at <paramref name="amplitude"/>.</summary>
    private static byte[] Wav(double seconds, double amplitude = 0)
    {
        const int rate = 16000;
        var samples = (int)(seconds * rate);
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write("RIFF"u8); writer.Write(36 + samples * 2); writer.Write("WAVE"u8);
        writer.Write("fmt "u8); writer.Write(16); writer.Write((short)1); writer.Write((short)1); writer.Write(rate); writer.Write(rate * 2); writer.Write((short)2); writer.Write((short)16);
        writer.Write("data"u8); writer.Write(samples * 2);
        for (var i = 0; i < samples; i++)
            writer.Write((short)(amplitude * 32767 * Math.Sin(2 * Math.PI * 220 * i / rate)));
        writer.Flush();
        return stream.ToArray();
    }
}
