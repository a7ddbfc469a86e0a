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

    [Theory]
    [InlineData("http://169.254.169.254/v1")]
    [InlineData("http://127.0.0.1:11434/v1")]
    [InlineData("http://2130706433/v1")]
    [InlineData("http://[::ffff:10.0.0.1]/v1")]
    [InlineData("http://model.lan:8000/v1")]
    [InlineData("http://localhost:11434/v1")]
    public async Task A_base_url_on_an_internal_address_is_refused(string baseUrl)
    {
        await using var services = ProviderServices.Build(database, dns: LanDns());
        var edit = Edit("local");
        edit.BaseUrl = baseUrl;

        var saved = await services.GetRequiredService<ProviderSettings>().SaveAsync(edit, CancellationToken.None);

        Assert.Equal(ProviderSettings.Errors.BaseUrlInternal, saved.Error);
    }

    [Fact]
    public async Task An_allowlisted_local_model_server_is_accepted()
    {
        await using var services = ProviderServices.Build(database, new Dictionary<string, string?>
        {
            ["Providers:Outbound:AllowedHosts:0"] = "model.lan",
        }, LanDns());
        var edit = Edit("local");
        edit.BaseUrl = "http://model.lan:8000/v1";

        var saved = await services.GetRequiredService<ProviderSettings>().SaveAsync(edit, CancellationToken.None);

        Assert.True(saved.IsSuccess, saved.Error);
    }

    [Fact]
    public async Task Two_providers_cannot_share_a_name()
    {
        await Settings.SaveAsync(Edit("qwen"), CancellationToken.None);

        var second = await Settings.SaveAsync(Edit("qwen"), CancellationToken.None);

        Assert.Equal(ProviderSettings.Errors.NameTaken, second.Error);
    }

    private static FakeDns LanDns() => new FakeDns().Add("model.lan", "192.168.1.20").Add("localhost", "127.0.0.1");

    private static ProviderEdit Edit(string name, string? apiKey = "sk") => new()
    {
        Name = name, BaseUrl = "https://dashscope.aliyuncs.com/compatible-mode/v1", NewApiKey = apiKey, Text = true, TextModel = "qwen-plus",
    };
}
