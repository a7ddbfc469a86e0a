using DreamX.Domain.Generation;
using DreamX.Infrastructure.Providers.Administration;
using DreamX.Infrastructure.Providers.OpenAICompatible;
using DreamX.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DreamX.Tests.Infrastructure.Providers.Administration;

[Collection(DatabaseCollection.Name)]
public sealed class ProviderSettingsTests(PostgresDatabase database) : IAsyncLifetime
{
    private ServiceProvider _services = null!;

    private ProviderSettings Settings => _services.GetRequiredService<ProviderSettings>();

    public async Task InitializeAsync()
    {
        await database.ResetAsync();
        _services = ProviderServices.Build(database);
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task A_saved_provider_keeps_its_key_encrypted_and_lists_without_it()
    {
        var saved = await Settings.SaveAsync(Edit("qwen", apiKey: "sk-qwen-1"), CancellationToken.None);

        Assert.True(saved.IsSuccess);
        var listed = Assert.Single(await Settings.ListAsync(CancellationToken.None));
        Assert.Equal(("qwen", true, ProviderCapabilities.Text), (listed.Name, listed.HasApiKey, listed.Capabilities));
        await using var db = database.CreateContext();
        var stored = await db.ProviderConfigs.SingleAsync();
        Assert.Equal("sk-qwen-1", _services.GetRequiredService<ProviderKeyProtector>().TryUnprotect(stored.ProtectedApiKey));
    }

    [Fact]
    public async Task Editing_with_a_blank_key_keeps_the_stored_key()
    {
        var id = (await Settings.SaveAsync(Edit("qwen", apiKey: "sk-qwen-1"), CancellationToken.None)).Value;
        var edit = Edit("qwen", apiKey: null);
        edit.Id = id;
        edit.Priority = 4;

        await Settings.SaveAsync(edit, CancellationToken.None);

        await using var db = database.CreateContext();
        var stored = await db.ProviderConfigs.SingleAsync();
        Assert.Equal((4, "sk-qwen-1"), (stored.Priority, _services.GetRequiredService<ProviderKeyProtector>().TryUnprotect(stored.ProtectedApiKey)));
    }

    [Theory]
    [InlineData("", "http://x/v1", "m", ProviderSettings.Errors.NameRequired)]
    [InlineData("a", "ftp://x", "m", ProviderSettings.Errors.BaseUrlInvalid)]
    [InlineData("a", "http://x/v1", "", ProviderSettings.Errors.ModelMissing)]
    public async Task An_incomplete_provider_is_refused_with_a_reason(string name, string baseUrl, string model, string expected)
    {
        var edit = Edit(name);
        edit.BaseUrl = baseUrl;
        edit.TextModel = model;

        var saved = await Settings.SaveAsync(edit, CancellationToken.None);

        Assert.Equal(expected, saved.Error);
    }

    [Fact]
    public async Task Two_providers_cannot_share_a_name()
    {
        await Settings.SaveAsync(Edit("qwen"), CancellationToken.None);

        var second = await Settings.SaveAsync(Edit("qwen"), CancellationToken.None);

        Assert.Equal(ProviderSettings.Errors.NameTaken, second.Error);
    }

    private static ProviderEdit Edit(string name, string? apiKey = "sk") => new()
    {
        Name = name, BaseUrl = "https://dashscope.aliyuncs.com/compatible-mode/v1", NewApiKey = apiKey, Text = true, TextModel = "qwen-plus",
    };
}
