using DreamX.Domain.Generation;
using DreamX.Domain.Generation.Providers;
using DreamX.Infrastructure.Persistence;
using DreamX.Infrastructure.Providers.Builtin;
using DreamX.Infrastructure.Providers.OpenAICompatible;
using DreamX.Infrastructure.Providers.Routing;
using DreamX.Tests.Infrastructure.Providers.OpenAICompatible;
using DreamX.Tests.Support;
using DreamX.Tests.Support.FakeOpenAi;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DreamX.Tests.Infrastructure.Providers.Routing;

/// <summary>The routed ports as the engine resolves them: providers read from the ProviderConfig table, built-ins last.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class ProviderCatalogTests(PostgresDatabase database) : IAsyncLifetime
{
    private FakeOpenAiServer _server = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        await database.ResetAsync();
        _server = await FakeOpenAiServer.StartAsync();
        _services = ProviderServices.Build(database, new Dictionary<string, string?>
        {
            ["Providers:OpenAICompatible:RequestTimeout"] = "00:00:05",
            ["Providers:Routing:RetryDelay"] = "00:00:00.050",
            ["Providers:Outbound:AllowedHosts:0"] = "127.0.0.1", // the loopback fake, as an admin allows a local model server
        });
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task With_no_provider_configured_the_builtin_illustrator_draws_offline()
    {
        var image = await _services.GetRequiredService<IImageProvider>().GenerateImageAsync(ImageRequest(), CancellationToken.None);

        Assert.Equal((BuiltinProviders.Name, BuiltinIllustrator.ModelName), (image.Usage.Provider, image.Usage.Model));
    }

    [Fact]
    public async Task A_configured_provider_is_called_with_its_decrypted_key()
    {
        await AddProviderAsync(apiKey: "sk-secret-123");
        _server.OnChat(FakeReply.Chat("""{"title":"ok"}"""));

        var response = await _services.GetRequiredService<ITextProvider>().CompleteJsonAsync(
            new TextRequest(GenerationTaskType.StoryBible, "en", "s", "u", "{}", """{"type":"object"}"""), CancellationToken.None);

        Assert.Equal(("fake-ai", "fake-chat"), (response.Usage.Provider, response.Usage.Model));
        Assert.Equal("Bearer sk-secret-123", Assert.Single(_server.Requests).Authorization);
    }

    [Fact]
    public async Task The_key_is_stored_encrypted()
    {
        await AddProviderAsync(apiKey: "sk-secret-123");

        await using var db = database.CreateContext();
        var stored = await db.ProviderConfigs.SingleAsync();
        Assert.DoesNotContain("sk-secret-123", stored.ProtectedApiKey);
        Assert.Equal("sk-secret-123", _services.GetRequiredService<ProviderKeyProtector>().TryUnprotect(stored.ProtectedApiKey));
    }

    [Fact]
    public async Task A_failing_remote_provider_is_retried_then_replaced_by_the_builtin_where_the_admin_allows_it_and_says_so()
    {
        await AddProviderAsync();
        await AllowFallbackAsync(ProviderCapabilities.Image);
        _server.OnImage(FakeReply.Error(503, "maintenance"), FakeReply.Error(503, "maintenance"), FakeReply.Error(503, "maintenance"));

        var image = await _services.GetRequiredService<IImageProvider>().GenerateImageAsync(ImageRequest(), CancellationToken.None);

        Assert.Equal((BuiltinProviders.Name, true), (image.Usage.Provider, image.Usage.IsFallback));
        Assert.Equal(3, _server.RequestsTo("images/generations").Count);
    }

    [Fact]
    public async Task Without_the_admins_permission_a_failing_provider_fails_the_call_instead_of_a_silent_swap()
    {
        await AddProviderAsync();
        await AllowFallbackAsync(ProviderCapabilities.Image); // images only: text may not fall back
        _server.OnChat(FakeReply.Error(503, "maintenance"), FakeReply.Error(503, "maintenance"), FakeReply.Error(503, "maintenance"));

        var failure = await Assert.ThrowsAsync<ProviderFailure>(() => _services.GetRequiredService<ITextProvider>().CompleteJsonAsync(TextRequest(), CancellationToken.None));

        Assert.True(failure.IsTransient);
        Assert.Contains("maintenance", failure.Message);
        Assert.Equal(3, _server.RequestsTo("chat/completions").Count);
    }

    [Fact]
    public async Task Too_many_requests_is_retried_on_the_same_provider_after_its_retry_after()
    {
        await AddProviderAsync();
        _server.OnChat(FakeReply.Error(429, "slow down", retryAfterSeconds: 1), FakeReply.Chat("""{"title":"ok"}"""));
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var response = await _services.GetRequiredService<ITextProvider>().CompleteJsonAsync(TextRequest(), CancellationToken.None);

        Assert.Equal(("fake-ai", false), (response.Usage.Provider, response.Usage.IsFallback));
        Assert.Equal(2, _server.RequestsTo("chat/completions").Count);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(0.9), $"retried after {watch.Elapsed}, not after the 1 s asked for");
    }

    [Fact]
    public async Task A_server_error_is_retried_on_the_same_provider()
    {
        await AddProviderAsync();
        await AllowFallbackAsync(ProviderCapabilities.Text); // even where a fallback is allowed, the provider gets its retry first
        _server.OnChat(FakeReply.Error(500, "oops"), FakeReply.Chat("""{"title":"ok"}"""));

        var response = await _services.GetRequiredService<ITextProvider>().CompleteJsonAsync(TextRequest(), CancellationToken.None);

        Assert.Equal(("fake-ai", false), (response.Usage.Provider, response.Usage.IsFallback));
        Assert.Equal(2, _server.RequestsTo("chat/completions").Count);
    }

    [Fact]
    public async Task A_tiny_image_is_a_failed_call_retried_on_the_same_provider()
    {
        await AddProviderAsync();
        _server.OnImage(FakeReply.ImageBase64(await PngAsync(64, 64)), FakeReply.ImageBase64(await PngAsync(320, 568)));

        var image = await _services.GetRequiredService<IImageProvider>().GenerateImageAsync(ImageRequest(), CancellationToken.None);

        Assert.Equal("fake-ai", image.Usage.Provider);
        Assert.Equal(2, _server.RequestsTo("images/generations").Count);
    }

    [Fact]
    public async Task A_disabled_provider_is_never_called()
    {
        await AddProviderAsync(enabled: false);

        var image = await _services.GetRequiredService<IImageProvider>().GenerateImageAsync(ImageRequest(), CancellationToken.None);

        Assert.Equal(BuiltinProviders.Name, image.Usage.Provider);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task A_half_configured_row_is_skipped_instead_of_breaking_the_route()
    {
        await using (var db = database.CreateContext())
        {
            var broken = OpenAICompatibleProviderTests.Config("not a url", name: "half-done");
            db.ProviderConfigs.Add(broken);
            await db.SaveChangesAsync();
        }

        var image = await _services.GetRequiredService<IImageProvider>().GenerateImageAsync(ImageRequest(), CancellationToken.None);

        Assert.Equal(BuiltinProviders.Name, image.Usage.Provider);
    }

    [Fact]
    public async Task Disabling_the_builtin_row_removes_the_last_resort()
    {
        await AddProviderAsync();
        await using (var db = database.CreateContext())
        {
            db.ProviderConfigs.Add(new ProviderConfig { Name = BuiltinProviders.Name, Kind = ProviderKind.Builtin, Capabilities = ProviderCapabilities.Image, Enabled = false });
            await db.SaveChangesAsync();
        }
        _server.OnImage(FakeReply.Error(503, "maintenance"));

        var failure = await Assert.ThrowsAsync<ProviderFailure>(() =>
            _services.GetRequiredService<IImageProvider>().GenerateImageAsync(ImageRequest(), CancellationToken.None));

        Assert.True(failure.IsTransient);
        Assert.Contains("maintenance", failure.Message);
    }

    private async Task AllowFallbackAsync(ProviderCapabilities capabilities) =>
        Assert.True((await _services.GetRequiredService<DreamX.Infrastructure.Providers.Administration.ProviderSettings>()
            .SaveBuiltinFallbackAsync(capabilities, CancellationToken.None)).IsSuccess);

    private static TextRequest TextRequest() => new(GenerationTaskType.StoryBible, "en", "s", "u", "{}", """{"type":"object"}""");

    private static async Task<byte[]> PngAsync(int width, int height) =>
        (await new BuiltinIllustrator().GenerateImageAsync(new ImageRequest("x", width, height, "s", [], ImageKind.StyleSample), CancellationToken.None)).Content;

    private async Task AddProviderAsync(string apiKey = "sk-test", bool enabled = true)
    {
        var config = OpenAICompatibleProviderTests.Config(_server.BaseUrl);
        config.ProtectedApiKey = _services.GetRequiredService<ProviderKeyProtector>().Protect(apiKey);
        config.Enabled = enabled;
        await using var db = database.CreateContext();
        db.ProviderConfigs.Add(config);
        await db.SaveChangesAsync();
    }

    private static ImageRequest ImageRequest() => new("a quiet harbour", 320, 568, "calm", ["#102030", "#D0E0F0"], ImageKind.ShotFrame, Setting: "harbour");
}
