using DreamX.Domain.Assets;
using DreamX.Domain.Storage;
using DreamX.Infrastructure.Assets;
using DreamX.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Tests.Infrastructure.Assets;

[Collection(DatabaseCollection.Name)]
public sealed class VisualStyleCatalogTests(PostgresDatabase database) : CatalogTestBed(database)
{
    private VisualStyleCatalog Catalog => new(Database.ContextFactory, Media, TimeProvider.System);

    private static VisualStyleDraft Draft(string title = "Moonlit Ink") =>
        new(title, "ink", "Silver washes.", "ink wash, moonlight", ["#101820", "#F2AA4C"]);

    [Fact]
    public async Task A_created_style_is_saved_with_its_sample_image_in_the_asset_scope()
    {
        var created = await Catalog.CreateAsync(Draft(), Png(), CancellationToken.None);

        Assert.True(created.IsSuccess, created.Error);
        await using var db = Database.CreateContext();
        var saved = await db.VisualStyles.SingleAsync();
        Assert.Equal("Moonlit Ink", saved.Title);
        Assert.Equal(["#101820", "#F2AA4C"], saved.Palette);
        Assert.StartsWith($"assets/styles/{saved.Id:D}/sample-", saved.SampleImageKey);
        Assert.Equal(ObjectKeyScope.Asset, ObjectKey.Parse(saved.SampleImageKey!).Scope);
        Assert.True(await StoredAsync(saved.SampleImageKey));
    }

    [Fact]
    public async Task Updating_with_a_new_sample_replaces_the_old_file()
    {
        var created = (await Catalog.CreateAsync(Draft(), Png(), CancellationToken.None)).Value;
        await Task.Delay(5); // a new file name per millisecond

        var updated = await Catalog.UpdateAsync(created.Id, Draft("Moonlit Ink II") with { Type = "painterly" }, Png(), CancellationToken.None);

        Assert.True(updated.IsSuccess, updated.Error);
        var reloaded = await Catalog.FindAsync(created.Id, CancellationToken.None);
        Assert.Equal(("Moonlit Ink II", "painterly"), (reloaded!.Title, reloaded.Type));
        Assert.NotEqual(created.SampleImageKey, reloaded.SampleImageKey);
        Assert.False(await StoredAsync(created.SampleImageKey));
        Assert.True(await StoredAsync(reloaded.SampleImageKey));
    }

    [Fact]
    public async Task Deleting_a_style_removes_the_row_and_its_sample()
    {
        var created = (await Catalog.CreateAsync(Draft(), Png(), CancellationToken.None)).Value;

        var deleted = await Catalog.DeleteAsync(created.Id, CancellationToken.None);

        Assert.True(deleted.IsSuccess, deleted.Error);
        Assert.Null(await Catalog.FindAsync(created.Id, CancellationToken.None));
        Assert.False(await StoredAsync(created.SampleImageKey));
    }

    [Fact]
    public async Task A_second_style_with_the_same_title_in_other_case_is_refused()
    {
        await Catalog.CreateAsync(Draft("Moonlit Ink"), null, CancellationToken.None);

        var duplicate = await Catalog.CreateAsync(Draft("moonlit ink"), null, CancellationToken.None);

        Assert.Equal(CatalogErrors.TitleTaken, duplicate.Error);
    }

    [Fact]
    public async Task A_sample_that_is_not_an_image_is_refused_and_nothing_is_saved()
    {
        var notAnImage = new MediaUpload("sample.png", "just some text pretending to be a PNG"u8.ToArray());

        var created = await Catalog.CreateAsync(Draft(), notAnImage, CancellationToken.None);

        Assert.Equal(CatalogErrors.FileType, created.Error);
        await using var db = Database.CreateContext();
        Assert.Equal(0, await db.VisualStyles.CountAsync());
    }

    [Theory]
    [InlineData("png")]
    [InlineData("jpeg")]
    public async Task A_picture_header_on_an_html_page_is_refused_because_it_does_not_decode(string kind)
    {
        byte[] header = kind == "png" ? [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A] : [0xFF, 0xD8, 0xFF, 0xE0];
        var polyglot = new MediaUpload("sample.png", (byte[])[.. header, .. "<html><script>alert(document.cookie)</script></html>"u8.ToArray()]);

        var created = await Catalog.CreateAsync(Draft(), polyglot, CancellationToken.None);

        Assert.Equal(CatalogErrors.FileType, created.Error);
        await using var db = Database.CreateContext();
        Assert.Equal(0, await db.VisualStyles.CountAsync());
    }

    [Fact]
    public async Task A_style_without_a_title_is_refused()
    {
        var created = await Catalog.CreateAsync(Draft("  "), null, CancellationToken.None);

        Assert.Equal(CatalogErrors.TitleRequired, created.Error);
    }

    [Fact]
    public async Task Search_finds_styles_by_type_ignoring_case()
    {
        await Catalog.CreateAsync(Draft("Moonlit Ink"), null, CancellationToken.None);
        await Catalog.CreateAsync(Draft("Neon Alley") with { Type = "neon" }, null, CancellationToken.None);

        var found = await Catalog.ListAsync("NEON", CancellationToken.None);

        Assert.Equal(["Neon Alley"], found.Select(s => s.Title));
    }
}
