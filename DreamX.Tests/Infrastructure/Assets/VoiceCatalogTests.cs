using DreamX.Domain.Assets;
using DreamX.Domain.Characters;
using DreamX.Domain.Common;
using DreamX.Infrastructure.Assets;
using DreamX.Tests.Support;

namespace DreamX.Tests.Infrastructure.Assets;

[Collection(DatabaseCollection.Name)]
public sealed class VoiceCatalogTests(PostgresDatabase database) : CatalogTestBed(database)
{
    private VoiceCatalog Catalog => new(Database.ContextFactory, Media, TimeProvider.System);

    private static VoiceDraft Draft(string name = "Nora", string language = StoryLanguage.English) =>
        new(name, language, Gender.Female, "25-40", "Calm and clear.", "en-us", "f3", 55, 160);

    [Fact]
    public async Task A_created_voice_keeps_its_engine_settings_and_sample()
    {
        var created = await Catalog.CreateAsync(Draft(), Wav(), CancellationToken.None);

        Assert.True(created.IsSuccess, created.Error);
        var saved = await Catalog.FindAsync(created.Value.Id, CancellationToken.None);
        Assert.Equal(("en-us", "f3", 55, 160), (saved!.EngineVoice, saved.EngineVariant, saved.Pitch, saved.WordsPerMinute));
        Assert.True(await StoredAsync(saved.SampleAudioKey));
    }

    [Fact]
    public async Task Updating_a_voice_changes_its_fields()
    {
        var created = (await Catalog.CreateAsync(Draft(), null, CancellationToken.None)).Value;

        var updated = await Catalog.UpdateAsync(created.Id, Draft() with { Pitch = 30, Gender = Gender.Male, EngineVariant = "" }, null, CancellationToken.None);

        Assert.True(updated.IsSuccess, updated.Error);
        var saved = await Catalog.FindAsync(created.Id, CancellationToken.None);
        Assert.Equal((30, Gender.Male, (string?)null), (saved!.Pitch, saved.Gender, saved.EngineVariant));
    }

    [Fact]
    public async Task Deleting_a_voice_removes_it_and_its_sample()
    {
        var created = (await Catalog.CreateAsync(Draft(), Wav(), CancellationToken.None)).Value;

        await Catalog.DeleteAsync(created.Id, CancellationToken.None);

        Assert.Null(await Catalog.FindAsync(created.Id, CancellationToken.None));
        Assert.False(await StoredAsync(created.SampleAudioKey));
    }

    [Fact]
    public async Task The_same_name_is_allowed_once_per_language()
    {
        await Catalog.CreateAsync(Draft("Nora", StoryLanguage.English), null, CancellationToken.None);

        var otherLanguage = await Catalog.CreateAsync(Draft("Nora", StoryLanguage.Chinese) with { EngineVoice = "cmn" }, null, CancellationToken.None);
        var sameLanguage = await Catalog.CreateAsync(Draft("NORA", StoryLanguage.English), null, CancellationToken.None);

        Assert.True(otherLanguage.IsSuccess, otherLanguage.Error);
        Assert.Equal(CatalogErrors.NameTaken, sameLanguage.Error);
    }

    [Fact]
    public async Task A_pitch_outside_espeak_range_is_refused()
    {
        var created = await Catalog.CreateAsync(Draft() with { Pitch = 120 }, null, CancellationToken.None);

        Assert.Equal(CatalogErrors.PitchRange, created.Error);
    }

    [Fact]
    public async Task An_image_is_refused_as_a_voice_sample()
    {
        var created = await Catalog.CreateAsync(Draft(), Png("voice.wav"), CancellationToken.None);

        Assert.Equal(CatalogErrors.FileType, created.Error);
    }
}
