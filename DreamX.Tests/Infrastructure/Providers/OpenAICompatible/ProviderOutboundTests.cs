using System.Text;
using DreamX.Domain.Generation;
using DreamX.Domain.Generation.Providers;
using DreamX.Infrastructure.Providers.OpenAICompatible;
using DreamX.Tests.Support;
using DreamX.Tests.Support.FakeOpenAi;

namespace DreamX.Tests.Infrastructure.Providers.OpenAICompatible;

/// <summary>
/// What a provider's answer can make the server do: only fetch public (or allowlisted) addresses, never carry the key to
/// another host, never follow redirects blindly, read a bounded body, keep only media whose bytes are media.
/// The fake listens on 127.0.0.1; names in a fake DNS point at it, and only the provider's own name is allowlisted.
/// </summary>
public sealed class ProviderOutboundTests : IAsyncLifetime
{
    private static readonly byte[] Html = Encoding.UTF8.GetBytes("<html><body><script>fetch('/account')</script></body></html>");

    private readonly FakeDns _dns = new();
    private FakeOpenAiServer _server = null!;
    private int _port;

    public async Task InitializeAsync()
    {
        _server = await FakeOpenAiServer.StartAsync();
        _port = new Uri(_server.Address).Port;
        _dns.Add("provider.test", "127.0.0.1").Add("cdn.test", "127.0.0.1").Add("internal.test", "127.0.0.1");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task An_image_url_on_the_metadata_address_is_refused_without_a_request()
    {
        _server.OnImage(FakeReply.ImageUrl("http://169.254.169.254/latest/meta-data/iam/security-credentials/"));

        var failure = await Assert.ThrowsAsync<ProviderFailure>(() => Provider().GenerateImageAsync(ImageRequest(), CancellationToken.None));

        Assert.False(failure.IsTransient);
        Assert.Contains("link-local", failure.Message);
    }

    [Fact]
    public async Task An_image_url_on_loopback_is_refused_although_the_provider_itself_is_allowed()
    {
        _server.OnImage(FakeReply.ImageUrl($"http://127.0.0.1:{_port}/files/meta-data")).OnFile(FakeReply.Bytes(Html, "text/html"));

        var failure = await Assert.ThrowsAsync<ProviderFailure>(() => Provider().GenerateImageAsync(ImageRequest(), CancellationToken.None));

        Assert.Contains("loopback", failure.Message);
        Assert.Empty(_server.RequestsTo("/files/meta-data"));
    }

    [Theory]
    [InlineData("http://2130706433:{0}/files/x")]
    [InlineData("http://0x7f.0.0.1:{0}/files/x")]
    [InlineData("http://[::ffff:127.0.0.1]:{0}/files/x")]
    [InlineData("http://internal.test:{0}/files/x")]
    public async Task Other_spellings_of_loopback_are_refused_too(string template)
    {
        _server.OnImage(FakeReply.ImageUrl(string.Format(template, _port)));

        await Assert.ThrowsAsync<ProviderFailure>(() => Provider().GenerateImageAsync(ImageRequest(), CancellationToken.None));

        Assert.Empty(_server.RequestsTo("/files/x"));
    }

    [Fact]
    public async Task The_key_is_not_sent_to_a_result_url_on_another_host()
    {
        _server.OnImage(FakeReply.ImageUrl($"http://cdn.test:{_port}/files/frame.png")).OnFile(FakeReply.Bytes(await SamplePngAsync(), "image/png"));

        await Provider(allowed: ["provider.test", "cdn.test"]).GenerateImageAsync(ImageRequest(), CancellationToken.None);

        Assert.Equal("Bearer sk-secret", Assert.Single(_server.RequestsTo("images/generations")).Authorization);
        Assert.Null(Assert.Single(_server.RequestsTo("/files/frame.png")).Authorization);
    }

    [Fact]
    public async Task A_redirect_off_the_providers_host_drops_the_key()
    {
        _server.OnImage(FakeReply.ImageUrl($"http://provider.test:{_port}/files/a"))
            .OnFile(FakeReply.Redirect($"http://cdn.test:{_port}/files/b"), FakeReply.Bytes(await SamplePngAsync(), "image/png"));

        await Provider(allowed: ["provider.test", "cdn.test"]).GenerateImageAsync(ImageRequest(), CancellationToken.None);

        Assert.Equal("Bearer sk-secret", Assert.Single(_server.RequestsTo("/files/a")).Authorization);
        Assert.Null(Assert.Single(_server.RequestsTo("/files/b")).Authorization);
    }

    [Fact]
    public async Task A_redirect_to_an_internal_address_is_refused()
    {
        _server.OnImage(FakeReply.ImageUrl($"http://cdn.test:{_port}/files/a")).OnFile(FakeReply.Redirect($"http://internal.test:{_port}/files/b"));

        var failure = await Assert.ThrowsAsync<ProviderFailure>(() =>
            Provider(allowed: ["provider.test", "cdn.test"]).GenerateImageAsync(ImageRequest(), CancellationToken.None));

        Assert.Contains("loopback", failure.Message);
        Assert.Single(_server.RequestsTo("/files/a"));
        Assert.Empty(_server.RequestsTo("/files/b"));
    }

    [Fact]
    public async Task More_than_three_redirects_are_not_followed()
    {
        _server.OnImage(FakeReply.ImageUrl($"http://provider.test:{_port}/files/r0"))
            .OnFile(Enumerable.Range(1, 5).Select(i => FakeReply.Redirect($"http://provider.test:{_port}/files/r{i}")).ToArray());

        var failure = await Assert.ThrowsAsync<ProviderFailure>(() => Provider().GenerateImageAsync(ImageRequest(), CancellationToken.None));

        Assert.Contains("redirects", failure.Message);
        Assert.Equal(["/files/r0", "/files/r1", "/files/r2", "/files/r3"], _server.Requests.Select(r => r.Path).Where(p => p.StartsWith("/files/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_api_call_that_redirects_is_not_followed()
    {
        _server.OnChat(FakeReply.Redirect($"http://cdn.test:{_port}/v1/chat/completions", 307));

        var failure = await Assert.ThrowsAsync<ProviderFailure>(() => Provider(allowed: ["provider.test", "cdn.test"]).CompleteJsonAsync(
            new TextRequest(GenerationTaskType.StoryBible, "en", "s", "u", "{}", """{"type":"object"}"""), CancellationToken.None));

        Assert.Contains("does not follow redirects", failure.Message);
        Assert.Single(_server.RequestsTo("chat/completions"));
    }

    [Fact]
    public async Task A_name_that_resolves_public_first_and_loopback_at_connect_time_is_refused()
    {
        // DNS rebinding: the check sees a public address, the connection would see loopback.
        var dns = new FakeDns().Add("rebind.test", "93.184.216.34").Add("rebind.test", "127.0.0.1");
        var provider = new OpenAICompatibleProvider(OpenAICompatibleProviderTests.Config($"http://rebind.test:{_port}/v1"), "sk-secret",
            TestOutbound.Http(dns), new OpenAICompatibleOptions { RequestTimeout = TimeSpan.FromSeconds(20) }, TimeProvider.System);
        _server.OnImage(FakeReply.ImageBase64(await SamplePngAsync()));

        var failure = await Assert.ThrowsAsync<ProviderFailure>(() => provider.GenerateImageAsync(ImageRequest(), CancellationToken.None));

        Assert.Contains("loopback", failure.Message);
        Assert.Empty(_server.Requests);
        Assert.True(dns.Lookups.Count >= 2);
    }

    [Fact]
    public async Task A_body_over_the_cap_is_refused()
    {
        _server.OnImage(FakeReply.ImageBase64(await SamplePngAsync()));

        var failure = await Assert.ThrowsAsync<ProviderFailure>(() => Provider(maxBytes: 1000).GenerateImageAsync(ImageRequest(), CancellationToken.None));

        Assert.Contains("larger than 1000 bytes", failure.Message);
    }

    [Fact]
    public async Task Html_sent_as_speech_is_refused_whatever_its_content_type()
    {
        _server.OnSpeech(FakeReply.Bytes(Html, "text/html"), FakeReply.Bytes(Html, "audio/wav"));

        var asHtml = await Assert.ThrowsAsync<ProviderFailure>(() => Provider().SynthesizeAsync(new SpeechRequest("Hello.", "en", "alloy"), CancellationToken.None));
        var asWav = await Assert.ThrowsAsync<ProviderFailure>(() => Provider().SynthesizeAsync(new SpeechRequest("Hello.", "en", "alloy"), CancellationToken.None));

        Assert.Contains("it looks like HTML", asHtml.Message);
        Assert.Contains("it looks like HTML", asWav.Message);
    }

    [Fact]
    public async Task Html_behind_an_image_url_is_refused()
    {
        _server.OnImage(FakeReply.ImageUrl($"http://provider.test:{_port}/files/frame.png")).OnFile(FakeReply.Bytes(Html, "image/png"));

        var failure = await Assert.ThrowsAsync<ProviderFailure>(() => Provider().GenerateImageAsync(ImageRequest(), CancellationToken.None));

        Assert.Contains("not a PNG, JPEG or WebP image", failure.Message);
    }

    private OpenAICompatibleProvider Provider(string[]? allowed = null, long maxBytes = 50L * 1024 * 1024) =>
        new(OpenAICompatibleProviderTests.Config($"http://provider.test:{_port}/v1"), "sk-secret",
            TestOutbound.Http(_dns, maxBytes, allowed ?? ["provider.test"]),
            new OpenAICompatibleOptions { RequestTimeout = TimeSpan.FromSeconds(20) }, TimeProvider.System);

    private static ImageRequest ImageRequest() => new("a rainy street", 720, 1280, "noir", ["#000000", "#FFFFFF"], ImageKind.ShotFrame);

    internal static async Task<byte[]> SamplePngAsync() =>
        (await new DreamX.Infrastructure.Providers.Builtin.BuiltinIllustrator()
            .GenerateImageAsync(new ImageRequest("x", 320, 480, "s", [], ImageKind.StyleSample), CancellationToken.None)).Content;
}
