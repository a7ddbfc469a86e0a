using System.Globalization;
using DreamX.Domain.Assets;
using DreamX.Infrastructure.Assets;
using DreamX.Infrastructure.Media.Compose;
using DreamX.Tests.Support;

namespace DreamX.Tests.Infrastructure.Assets;

[Collection(DatabaseCollection.Name)]
public sealed class MusicTrackCatalogTests(PostgresDatabase database) : CatalogTestBed(database)
{
    private MusicTrackCatalog Catalog => new(Database.ContextFactory, Media);

    private static MusicTrackDraft Draft(string title = "Harbour Dawn", string mood = "calm warm") => new(title, mood);

    /// <summary>A real WAV of a 330 Hz tone, rendered by ffmpeg.</summary>
    internal static async Task<MediaUpload> ToneWavAsync(double seconds, string name = "tone.wav")
    {
        var folder = Directory.CreateTempSubdirectory("dreamx-music-").FullName;
        try
        {
            var length = seconds.ToString(CultureInfo.InvariantCulture);
            var made = await FfmpegProcess.RunAsync(
                ["-f", "lavfi", "-i", $"sine=frequency=330:sample_rate=22050:duration={length}", "-ac", "1", "tone.wav"], folder, CancellationToken.None);
            Assert.True(made.IsSuccess, made.IsFailure ? made.Error : null);
            return new MediaUpload(name, await File.ReadAllBytesAsync(Path.Combine(folder, "tone.wav")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_created_track_keeps_its_audio_and_the_measured_duration()
    {
        var created = await Catalog.CreateAsync(Draft(), await ToneWavAsync(12.5), CancellationToken.None);

        Assert.True(created.IsSuccess, created.Error);
        var saved = await Catalog.FindAsync(created.Value.Id, CancellationToken.None);
        Assert.Equal(12.5m, saved!.DurationSeconds);
        Assert.True(await StoredAsync(saved.AudioKey));
    }

    [Fact]
    public async Task Updating_without_a_file_keeps_the_audio_and_changes_the_fields()
    {
        var created = (await Catalog.CreateAsync(Draft(), await ToneWavAsync(11), CancellationToken.None)).Value;

        var updated = await Catalog.UpdateAsync(created.Id, new MusicTrackDraft("Harbour Dusk", "dark tense", IsActive: false), null, CancellationToken.None);

        Assert.True(updated.IsSuccess, updated.Error);
        var saved = await Catalog.FindAsync(created.Id, CancellationToken.None);
        Assert.Equal(("Harbour Dusk", "dark tense", false, created.AudioKey, 11m),
            (saved!.Title, saved.Mood, saved.IsActive, saved.AudioKey, saved.DurationSeconds));
    }

    [Fact]
    public async Task Replacing_the_audio_measures_the_new_file_and_removes_the_old_one()
    {
        var created = (await Catalog.CreateAsync(Draft(), await ToneWavAsync(11), CancellationToken.None)).Value;

        var updated = await Catalog.UpdateAsync(created.Id, Draft(), await ToneWavAsync(14), CancellationToken.None);

        Assert.True(updated.IsSuccess, updated.Error);
        Assert.Equal(14m, updated.Value.DurationSeconds);
        Assert.False(await StoredAsync(created.AudioKey));
    }

    [Fact]
    public async Task Deleting_a_track_removes_it_and_its_audio()
    {
        var created = (await Catalog.CreateAsync(Draft(), await ToneWavAsync(10.5), CancellationToken.None)).Value;

        await Catalog.DeleteAsync(created.Id, CancellationToken.None);

        Assert.Null(await Catalog.FindAsync(created.Id, CancellationToken.None));
        Assert.False(await StoredAsync(created.AudioKey));
    }

    [Fact]
    public async Task Listing_searches_title_and_mood()
    {
        await Catalog.CreateAsync(Draft("Harbour Dawn", "calm warm"), await ToneWavAsync(10.5), CancellationToken.None);
        await Catalog.CreateAsync(Draft("City Chase", "tense 悬疑"), await ToneWavAsync(10.5), CancellationToken.None);

        var found = await Catalog.ListAsync("悬疑", CancellationToken.None);

        Assert.Equal(["City Chase"], found.Select(t => t.Title));
    }

    [Fact]
    public async Task A_track_can_be_switched_off()
    {
        var created = (await Catalog.CreateAsync(Draft(), await ToneWavAsync(10.5), CancellationToken.None)).Value;

        await Catalog.SetActiveAsync(created.Id, false, CancellationToken.None);

        Assert.False((await Catalog.FindAsync(created.Id, CancellationToken.None))!.IsActive);
    }

    [Fact]
    public async Task A_file_with_a_wav_header_but_no_readable_audio_is_refused()
    {
        var created = await Catalog.CreateAsync(Draft(), Wav(), CancellationToken.None);

        Assert.Equal(MusicTrackErrors.AudioUnreadable, created.Error);
        Assert.Empty(await Catalog.ListAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task A_track_shorter_than_ten_seconds_is_refused()
    {
        var created = await Catalog.CreateAsync(Draft(), await ToneWavAsync(4), CancellationToken.None);

        Assert.Equal(MusicTrackErrors.TooShort, created.Error);
    }

    [Fact]
    public async Task A_new_track_without_audio_is_refused()
    {
        var created = await Catalog.CreateAsync(Draft(), null, CancellationToken.None);

        Assert.Equal(MusicTrackErrors.AudioRequired, created.Error);
    }

    [Fact]
    public async Task A_second_track_with_the_same_title_is_refused()
    {
        await Catalog.CreateAsync(Draft("Harbour Dawn"), await ToneWavAsync(10.5), CancellationToken.None);

        var again = await Catalog.CreateAsync(Draft("HARBOUR DAWN"), await ToneWavAsync(10.5), CancellationToken.None);

        Assert.Equal(CatalogErrors.TitleTaken, again.Error);
    }
}
