using System.Globalization;
using DreamX.Domain.Assets;
using DreamX.Domain.MusicVideos;
using DreamX.Domain.Projects;
using DreamX.Domain.Storage;
using DreamX.Infrastructure.Assets;
using DreamX.Infrastructure.Media.Compose;
using DreamX.Infrastructure.MusicVideos;
using DreamX.Tests.Infrastructure.Media.Music;
using DreamX.Tests.Infrastructure.Projects;
using DreamX.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Tests.Infrastructure.MusicVideos;

/// <summary>A music video's song at the checkpoint: uploads checked from their bytes and by ffprobe, library tracks, the project made from them.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class SongIntakeTests(PostgresDatabase database) : ProjectLibraryTest(database)
{
    private SongIntake Intake => new(Storage, Database.ContextFactory, Library);

    private static CheckpointInput Input(string? lyrics = null, double? from = null, double? to = null) => new()
    {
        Type = ProjectType.MusicMv, Title = "Rooftop", Idea = "夏夜的城市天台，霓虹和晚风，一个人跳舞", Lyrics = lyrics,
        ExcerptStartSeconds = from, ExcerptEndSeconds = to,
    };

    /// <summary>An audio file ffmpeg renders from a lavfi source (a tone or silence) in the given format.</summary>
    private static async Task<byte[]> RenderAsync(string source, double seconds, string extension, params string[] codec)
    {
        var folder = Directory.CreateTempSubdirectory("dreamx-songs-").FullName;
        try
        {
            var length = seconds.ToString(CultureInfo.InvariantCulture);
            var made = await FfmpegProcess.RunAsync(["-f", "lavfi", "-i", $"{source}:duration={length}", .. codec, "out." + extension], folder, CancellationToken.None);
            Assert.True(made.IsSuccess, made.IsFailure ? made.Error : null);
            return await File.ReadAllBytesAsync(Path.Combine(folder, "out." + extension));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task An_uploaded_wav_is_measured_analysed_and_stored_under_the_new_project_with_its_lyrics_and_analysis()
    {
        var (samples, _) = SongAnalyzerTests.ClickTrack(120, 24, 0.5);
        using var song = (await Intake.ReceiveAsync(new MemoryStream(SongAnalyzerTests.Wav(samples)), "C:\\music\\rooftop.wav", CancellationToken.None)).Value;
        Assert.Equal("wav", song.Format.Extension);
        Assert.Equal("rooftop.wav", song.Name);
        Assert.InRange(song.Seconds, 23.9, 24.1);
        Assert.InRange(song.Analysis.Tempo, 118.5, 121.5);

        var created = await Intake.CreateProjectAsync(Maya, Input("[00:01.00]天台的风\n[00:05.00]霓虹在闪", from: 2, to: 22), song, CancellationToken.None);

        Assert.True(created.IsSuccess, created.Error);
        await using var db = Database.CreateContext();
        var project = await db.Projects.AsNoTracking().Include(p => p.Checkpoint).SingleAsync(p => p.Id == created.Value.Id);
        var checkpoint = project.Checkpoint!;
        Assert.Equal(ProjectType.MusicMv, project.Type);
        Assert.Equal($"projects/{project.Id:D}/audio/song.wav", checkpoint.SongKey);
        Assert.True(await Storage.ExistsAsync(ObjectKey.Parse(checkpoint.SongKey!), CancellationToken.None));
        Assert.Equal("rooftop.wav", checkpoint.SongName);
        Assert.Equal(((double?)2.0, (double?)22.0), (checkpoint.ExcerptStartSeconds, checkpoint.ExcerptEndSeconds));
        // The episode lasts the excerpt.
        Assert.Equal((1, 20), (checkpoint.EpisodeCount, checkpoint.EpisodeDurationSeconds));
        Assert.StartsWith("[00:01.00]", checkpoint.Lyrics);
        var analysis = SongIntake.ReadAnalysis(checkpoint)!;
        Assert.Equal(song.Analysis.Beats, analysis.Beats);
        Assert.Equal(song.Analysis.Sections, analysis.Sections);

        // A copy of the project has its own copy of the song (deleting the original leaves it whole) and the analysis.
        var copy = await Library.DuplicateAsync(Maya, project.Id, "Rooftop (copy)");
        Assert.True(copy.IsSuccess, copy.Error);
        await Library.DeleteAsync(Maya, project.Id);
        await using var after = Database.CreateContext();
        var copied = await after.Checkpoints.AsNoTracking().SingleAsync(c => c.ProjectId == copy.Value.Id);
        Assert.Equal($"projects/{copy.Value.Id:D}/audio/song.wav", copied.SongKey);
        Assert.True(await Storage.ExistsAsync(ObjectKey.Parse(copied.SongKey!), CancellationToken.None));
        Assert.Equal(song.Analysis.Beats, SongIntake.ReadAnalysis(copied)!.Beats);
    }

    [Fact]
    public async Task A_library_track_is_the_song_without_a_copy()
    {
        if (!DemoMusicBeds.CanRender)
            Assert.Fail("ffmpeg is required");
        var bed = DemoMusicBeds.All[0];
        var mp3 = (await DemoMusicBeds.RenderAsync(bed, CancellationToken.None)).Value;
        var track = new MusicTrack { Title = bed.Title, Mood = bed.Mood, DurationSeconds = DemoMusicBeds.Seconds };
        var key = ObjectKey.ForAsset(AssetKinds.Music, $"{track.Id:D}/audio.mp3");
        await Storage.PutAsync(key, new MemoryStream(mp3), "audio/mpeg", CancellationToken.None);
        track.AudioKey = key.Value;
        await using (var db = Database.CreateContext())
        {
            db.MusicTracks.Add(track);
            await db.SaveChangesAsync();
        }

        var received = await Intake.FromLibraryAsync(track.Id, CancellationToken.None);
        Assert.True(received.IsSuccess, received.Error);
        using var song = received.Value;
        Assert.Equal((bed.Title, (Guid?)track.Id, (string?)key.Value), (song.Name, song.TrackId, song.TrackKey));
        Assert.NotEmpty(song.Analysis.Sections);

        var created = await Intake.CreateProjectAsync(Maya, Input(), song, CancellationToken.None);
        Assert.True(created.IsSuccess, created.Error);
        await using var check = Database.CreateContext();
        var checkpoint = await check.Checkpoints.AsNoTracking().SingleAsync(c => c.ProjectId == created.Value.Id);
        Assert.Equal(((string?)key.Value, (Guid?)track.Id, DemoMusicBeds.Seconds), (checkpoint.SongKey, checkpoint.SongTrackId, checkpoint.EpisodeDurationSeconds));
        await foreach (var _ in Storage.ListAsync($"projects/{created.Value.Id:D}/", CancellationToken.None))
            Assert.Fail("a library track is not copied into the project");

        Assert.Equal(SongRules.TrackNotFound, (await Intake.FromLibraryAsync(Guid.NewGuid(), CancellationToken.None)).Error);
    }

    [Fact]
    public async Task Files_that_are_not_songs_are_refused_with_the_reason()
    {
        async Task<string?> RefusalAsync(byte[] bytes, string name, long cap = SongRules.MaxBytes)
        {
            var received = await Intake.ReceiveAsync(new MemoryStream(bytes), name, cap, CancellationToken.None);
            if (received.IsSuccess)
                received.Value.Dispose();
            return received.Error;
        }

        Assert.Equal(SongRules.SongFileEmpty, await RefusalAsync([], "empty.mp3"));
        // A text file named like a song: the bytes decide.
        Assert.Equal(SongRules.SongFileType, await RefusalAsync("not a song at all, just words"u8.ToArray(), "song.mp3"));
        // An Ogg file is audio, but not one of the song formats.
        Assert.Equal(SongRules.SongFileType, await RefusalAsync(await RenderAsync("sine=frequency=440", 16, "ogg", "-c:a", "libvorbis"), "song.ogg"));
        // A WAV header with nothing readable after it.
        var header = new byte[4096];
        "RIFF"u8.CopyTo(header);
        "WAVE"u8.CopyTo(header.AsSpan(8));
        Assert.Equal(SongRules.SongUnreadable, await RefusalAsync(header, "broken.wav"));
        Assert.Equal(SongRules.SongTooShort, await RefusalAsync(await RenderAsync("sine=frequency=440", 5, "mp3", "-b:a", "32k"), "jingle.mp3"));
        Assert.Equal(SongRules.SongTooLong,
            await RefusalAsync(await RenderAsync("anullsrc=r=8000:cl=mono", SongRules.MaxSeconds + 5, "m4a", "-c:a", "aac", "-b:a", "8k"), "long.m4a"));
        Assert.Equal(SongRules.SongFileTooLarge, await RefusalAsync(new byte[4097], "big.wav", cap: 4096));
    }

    [Fact]
    public async Task A_refused_checkpoint_stores_nothing()
    {
        var (samples, _) = SongAnalyzerTests.ClickTrack(100, 20, 0.2);
        using var song = (await Intake.ReceiveAsync(new MemoryStream(SongAnalyzerTests.Wav(samples)), "song.wav", CancellationToken.None)).Value;

        var tooShort = await Intake.CreateProjectAsync(Maya, Input(from: 10, to: 15), song, CancellationToken.None);
        var badLyrics = await Intake.CreateProjectAsync(Maya, Input("[00:01.00]one\ntwo"), song, CancellationToken.None);

        Assert.Equal(SongRules.ExcerptTooShort, tooShort.Error);
        Assert.Equal(LyricsError.NoTime, badLyrics.Error);
        await using var db = Database.CreateContext();
        Assert.False(await db.Projects.AnyAsync());
        await foreach (var _ in Storage.ListAsync("projects/", CancellationToken.None))
            Assert.Fail("nothing is stored for a refused checkpoint");
    }
}
