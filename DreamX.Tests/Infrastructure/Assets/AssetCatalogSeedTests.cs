using DreamX.Domain.Assets;
using DreamX.Domain.Common;
using DreamX.Infrastructure.Assets;
using DreamX.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace DreamX.Tests.Infrastructure.Assets;

[Collection(DatabaseCollection.Name)]
public sealed class AssetCatalogSeedTests(PostgresDatabase database) : CatalogTestBed(database)
{
    private async Task SeedAsync()
    {
        await using var db = Database.CreateContext();
        await new AssetCatalogSeed(Storage, NullLogger<AssetCatalogSeed>.Instance).SeedAsync(db, CancellationToken.None);
    }

    private async Task<(int Styles, int Voices, int Showcases)> CountAsync()
    {
        await using var db = Database.CreateContext();
        return (await db.VisualStyles.CountAsync(), await db.Voices.CountAsync(), await db.Showcases.CountAsync());
    }

    [Fact]
    public async Task Seeding_twice_adds_nothing_the_second_time()
    {
        await SeedAsync();
        var first = await CountAsync();

        await SeedAsync();

        Assert.Equal(first, await CountAsync());
    }

    [Fact]
    public async Task The_seed_has_at_least_eight_styles_each_with_a_stored_sample_and_a_palette()
    {
        await SeedAsync();

        await using var db = Database.CreateContext();
        var styles = await db.VisualStyles.ToListAsync();
        Assert.True(styles.Count >= 8, $"{styles.Count} styles");
        Assert.All(styles, s => Assert.NotEmpty(s.Palette));
        foreach (var style in styles)
            Assert.True(await StoredAsync(style.SampleImageKey), style.Title);
    }

    [Fact]
    public async Task The_seed_has_at_least_six_voices_in_chinese_and_english_both_genders()
    {
        await SeedAsync();

        await using var db = Database.CreateContext();
        var voices = await db.Voices.ToListAsync();
        Assert.True(voices.Count >= 6, $"{voices.Count} voices");
        Assert.Equal(StoryLanguage.All.Order(), voices.Select(v => v.Language).Distinct().Order());
        Assert.All(voices, v => Assert.Equal(v.Language == StoryLanguage.Chinese ? "cmn" : "en-us", v.EngineVoice));
        Assert.Equal(2, voices.Select(v => v.Gender).Distinct().Count());
    }

    [Fact]
    public async Task A_sample_image_lost_from_storage_is_drawn_again()
    {
        await SeedAsync();
        await using (var db = Database.CreateContext())
        {
            var style = await db.VisualStyles.FirstAsync();
            await Storage.DeleteAsync(DreamX.Domain.Storage.ObjectKey.Parse(style.SampleImageKey!), CancellationToken.None);
        }

        await SeedAsync();

        await using var check = Database.CreateContext();
        foreach (var style in await check.VisualStyles.ToListAsync())
            Assert.True(await StoredAsync(style.SampleImageKey), style.Title);
    }

    [Fact]
    public async Task The_seed_has_two_demo_music_beds_of_thirty_seconds_stored_as_mp3()
    {
        await SeedAsync();
        await SeedAsync();

        await using var db = Database.CreateContext();
        var tracks = await db.MusicTracks.ToListAsync();
        Assert.Equal(2, tracks.Count);
        foreach (var track in tracks)
        {
            Assert.EndsWith(".mp3", track.AudioKey);
            Assert.True(await StoredAsync(track.AudioKey), track.Title);
            Assert.Equal(30m, track.DurationSeconds);
        }
    }

    [Fact]
    public void Sample_cards_are_deterministic_pngs()
    {
        var palette = new[] { "#1C1B19", "#F4F1EA" };

        var first = CatalogArtwork.RenderCard("Ink Wash · 水墨", "ink", palette);
        var second = CatalogArtwork.RenderCard("Ink Wash · 水墨", "ink", palette);

        Assert.Equal(first, second);
        Assert.True(CatalogMediaRule.Image.Check(new MediaUpload("card.png", first)).IsSuccess);
    }
}
