using DreamX.Domain.Generation;
using DreamX.Domain.Generation.Providers;
using DreamX.Infrastructure.Providers.Administration;
using DreamX.Infrastructure.Providers.Routing;
using DreamX.Tests.Infrastructure.Characters;
using DreamX.Tests.Support;
using DreamX.Tests.Support.FakeOpenAi;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace DreamX.Tests.Infrastructure.Providers.Routing;

/// <summary>Which image provider a frame goes to when its characters have reference pictures, and what admins may configure.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class ReferenceRoutingTests(PostgresDatabase database) : IAsyncLifetime
{
    private FakeReferenceImageServer _server = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        await database.ResetAsync();
        _server = await FakeReferenceImageServer.StartAsync(ReferenceTestPictures.Solid(320, 568, SKColors.SlateGray));
        _services = ProviderServices.Build(database, new Dictionary<string, string?>
        {
            ["Providers:OpenAICompatible:RequestTimeout"] = "00:00:05",
            ["Providers:Outbound:AllowedHosts:0"] = "127.0.0.1",
        });
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_frame_with_character_pictures_goes_to_the_provider_that_takes_references_even_when_another_scores_higher()
    {
        await SaveAsync("words-only", references: false, quality: 10);
        await SaveAsync("with-references", references: true, quality: 1);

        var image = await Images.GenerateImageAsync(Frame(withReferences: true), CancellationToken.None);

        Assert.Equal(("with-references", 2), (image.Usage.Provider, image.Usage.ReferenceImages));
        var call = Assert.Single(_server.Calls);
        Assert.Equal("/v1/images/edits", call.Path);
        Assert.Equal(2, call.Files.Count);
    }

    [Fact]
    public async Task A_frame_without_pictures_is_routed_by_the_strategy_alone_and_sent_as_plain_generation()
    {
        await SaveAsync("words-only", references: false, quality: 10);
        await SaveAsync("with-references", references: true, quality: 1);

        var image = await Images.GenerateImageAsync(Frame(withReferences: false), CancellationToken.None);

        Assert.Equal(("words-only", 0), (image.Usage.Provider, image.Usage.ReferenceImages));
        Assert.Equal("/v1/images/generations", Assert.Single(_server.Calls).Path);
    }

    [Fact]
    public async Task A_provider_that_takes_no_references_is_told_the_look_in_words_only()
    {
        await SaveAsync("words-only", references: false, quality: 10);

        var image = await Images.GenerateImageAsync(Frame(withReferences: true), CancellationToken.None);

        Assert.Equal(0, image.Usage.ReferenceImages);
        var call = Assert.Single(_server.Calls);
        Assert.Equal("/v1/images/generations", call.Path);
        Assert.Null(call.Json!["image"]);
    }

    [Fact]
    public async Task An_Ark_provider_is_saved_for_images_only_with_its_reference_setting()
    {
        var settings = _services.GetRequiredService<ProviderSettings>();

        var withText = await settings.SaveAsync(Edit("ark", ProviderKind.VolcengineArk, _server.ArkBaseUrl, references: true, quality: 5, text: true), CancellationToken.None);
        var saved = await settings.SaveAsync(Edit("ark", ProviderKind.VolcengineArk, _server.ArkBaseUrl, references: true, quality: 5), CancellationToken.None);

        Assert.Equal(ProviderSettings.Errors.ArkImagesOnly, withText.Error);
        Assert.True(saved.IsSuccess, saved.Error);
        var listed = Assert.Single(await settings.ListAsync(CancellationToken.None));
        Assert.Equal((ProviderKind.VolcengineArk, true), (listed.Kind, listed.AcceptsReferenceImages));
        var test = await settings.TestConnectionAsync(saved.Value, ProviderCapabilities.Image, CancellationToken.None);
        Assert.True(test.Succeeded, test.Error);
        Assert.Equal("/api/v3/images/generations", Assert.Single(_server.Calls).Path);
    }

    private IImageProvider Images => _services.GetRequiredService<IImageProvider>();

    private async Task SaveAsync(string name, bool references, int quality)
    {
        var saved = await _services.GetRequiredService<ProviderSettings>()
            .SaveAsync(Edit(name, ProviderKind.OpenAICompatible, _server.OpenAiBaseUrl, references, quality), CancellationToken.None);
        Assert.True(saved.IsSuccess, saved.Error);
        await using var db = database.CreateContext();
        Assert.Equal(references, (await db.ProviderConfigs.SingleAsync(p => p.Name == name)).AcceptsReferenceImages);
    }

    private static ProviderEdit Edit(string name, ProviderKind kind, string baseUrl, bool references, int quality, bool text = false) => new()
    {
        Name = name, Kind = kind, BaseUrl = baseUrl, NewApiKey = "sk-test", Image = true, ImageModel = "image-test",
        Text = text, TextModel = text ? "chat-test" : null, AcceptsReferenceImages = references, QualityScore = quality, SpeedScore = 5,
    };

    private static ImageRequest Frame(bool withReferences) => new(
        "two bakers argue over one oven", 320, 568, "warm", ["#402010", "#F0D0A0"], ImageKind.ShotFrame,
        Characters: [new ImageCharacter("Mia", "red apron", Seed: 11), new ImageCharacter("Theo", "white cap", Seed: 12)],
        References: withReferences
            ?
            [
                new ImageReference("Mia", "projects/x/references/mia.png", ReferenceTestPictures.Solid(300, 300, SKColors.Red), "image/png"),
                new ImageReference("Theo", "projects/x/references/theo.png", ReferenceTestPictures.Solid(300, 300, SKColors.Blue), "image/png"),
            ]
            : null);
}
