using System.Text.Json;
using DreamX.Domain.Assets;
using DreamX.Domain.Common;
using DreamX.Domain.MusicVideos;
using DreamX.Domain.Projects;
using DreamX.Domain.Storage;
using DreamX.Infrastructure.Media;
using DreamX.Infrastructure.Media.Music;
using DreamX.Infrastructure.Persistence;
using DreamX.Infrastructure.Projects;
using FFMpegCore;
using MediaFormat = DreamX.Domain.Assets.MediaFormat;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Infrastructure.MusicVideos;

/// <summary>
/// A song received for a music video and analysed, held in a scratch folder until the project is created from it
/// (dispose it when the form closes): an upload, or a track of the admin music library.
/// </summary>
public sealed class ReceivedSong : IDisposable
{
    private readonly ScratchFolder? _scratch;

    internal ReceivedSong(ScratchFolder? scratch, string? path, MediaFormat format, string name, double seconds, SongAnalysis analysis,
        Guid? trackId = null, string? trackKey = null)
    {
        _scratch = scratch;
        Path = path;
        Format = format;
        Name = name;
        Seconds = seconds;
        Analysis = analysis;
        TrackId = trackId;
        TrackKey = trackKey;
    }

    /// <summary>The uploaded file on disk (null for a library track, which stays where it is).</summary>
    internal string? Path { get; }

    public MediaFormat Format { get; }
    public string Name { get; }
    public double Seconds { get; }
    public SongAnalysis Analysis { get; }
    public Guid? TrackId { get; }
    public string? TrackKey { get; }

    public void Dispose() => _scratch?.Dispose();
}

/// <summary>
/// Takes a music video's song: checks an upload (MP3/WAV/M4A from its first bytes, at most
/// <see cref="SongRules.MaxBytes"/>, ffprobe finds an audio stream of 15 s to 10 min) or finds the library track,
/// analyses it (<see cref="SongAnalyzer"/>) and creates the project with the song stored under it. Refusals are
/// <see cref="SongRules"/> codes the form shows.
/// </summary>
public sealed class SongIntake(IObjectStorage storage, IDbContextFactory<DreamXDbContext> contexts, ProjectLibrary projects)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Reads an uploaded song from <paramref name="content"/> (never more than the size cap) and analyses it.</summary>
    public Task<Result<ReceivedSong>> ReceiveAsync(Stream content, string fileName, CancellationToken ct) =>
        ReceiveAsync(content, fileName, SongRules.MaxBytes, ct);

    /// <param name="maxBytes">The size cap (tests lower it).</param>
    internal async Task<Result<ReceivedSong>> ReceiveAsync(Stream content, string fileName, long maxBytes, CancellationToken ct)
    {
        var scratch = new ScratchFolder();
        try
        {
            var path = scratch.File("upload.bin");
            long size;
            await using (var file = File.Create(path))
            {
                var buffer = new byte[81920];
                size = 0;
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    size += read;
                    if (size > maxBytes)
                        return Refuse(SongRules.SongFileTooLarge);
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }
            }
            if (size == 0)
                return Refuse(SongRules.SongFileEmpty);

            var head = new byte[16];
            await using (var file = File.OpenRead(path))
                await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
            var format = CatalogMediaRule.Song.Check(new MediaUpload(fileName, head.AsMemory(0, (int)Math.Min(size, head.Length))));
            if (format.IsFailure)
                return Refuse(SongRules.SongFileType);

            var typed = scratch.File("song." + format.Value.Extension);
            File.Move(path, typed);
            var measured = await MeasureAsync(typed, ct);
            if (measured.IsFailure)
                return Refuse(measured.Error!);

            var analysis = await SongAnalyzer.AnalyseFileAsync(typed, ct);
            if (analysis.IsFailure)
                return Refuse(analysis.Error!);
            // The name alone, whichever separator the creator's system uses.
            var name = fileName[(fileName.LastIndexOfAny(['/', '\\']) + 1)..].Trim();
            return new ReceivedSong(scratch, typed, format.Value, name.Length > 200 ? name[..200] : name, measured.Value, analysis.Value);
        }
        catch
        {
            scratch.Dispose();
            throw;
        }

        Result<ReceivedSong> Refuse(string code)
        {
            scratch.Dispose();
            return Result<ReceivedSong>.Failure(code);
        }
    }

    /// <summary>Takes an active track of the music library as the song and analyses it.</summary>
    public async Task<Result<ReceivedSong>> FromLibraryAsync(Guid trackId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var track = await db.MusicTracks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == trackId && t.IsActive, ct);
        if (track is null || !ObjectKey.TryParse(track.AudioKey, out var key))
            return Result<ReceivedSong>.Failure(SongRules.TrackNotFound);

        using var scratch = new ScratchFolder();
        await using (var stored = await storage.OpenReadAsync(key, ct))
        {
            if (stored is null)
                return Result<ReceivedSong>.Failure(SongRules.TrackNotFound);
            await using var file = File.Create(scratch.File("track"));
            await stored.Stream.CopyToAsync(file, ct);
        }
        var head = new byte[16];
        await using (var file = File.OpenRead(scratch.File("track")))
            await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        var format = CatalogMediaRule.Audio.Check(new MediaUpload(key.FileName, head));
        if (format.IsFailure)
            return Result<ReceivedSong>.Failure(SongRules.SongUnreadable);

        var analysis = await SongAnalyzer.AnalyseFileAsync(scratch.File("track"), ct);
        if (analysis.IsFailure)
            return Result<ReceivedSong>.Failure(analysis.Error!);
        return new ReceivedSong(null, null, format.Value, track.Title, (double)track.DurationSeconds, analysis.Value, track.Id, track.AudioKey);
    }

    /// <summary>
    /// Creates the music video project: the checkpoint carries the song (stored under the new project for an upload),
    /// its length and analysis; the episode lasts the song or the excerpt. The checkpoint's rules are checked first,
    /// so a refused checkpoint stores nothing.
    /// </summary>
    public async Task<Result<Project>> CreateProjectAsync(string ownerId, CheckpointInput input, ReceivedSong song, CancellationToken ct)
    {
        var projectId = Guid.CreateVersion7();
        var key = song.TrackKey is { } trackKey
            ? ObjectKey.Parse(trackKey)
            : ObjectKey.ForProject(projectId, ProjectAreas.Audio, "song." + song.Format.Extension);
        var prepared = Prepare(input, song, key.Value);
        var errors = CheckpointRules.Validate(prepared);
        if (errors.Count > 0)
            return Result<Project>.Failure(errors[0].Code);

        if (song.Path is { } path)
        {
            await using var file = File.OpenRead(path);
            await storage.PutAsync(key, file, song.Format.ContentType, ct);
        }
        var created = await projects.CreateAsync(ownerId, prepared, projectId, ct);
        if (created.IsFailure)
        {
            if (song.Path is not null)
                await storage.DeleteAsync(key, CancellationToken.None);
            return created;
        }

        var analysis = JsonSerializer.Serialize(song.Analysis, Json);
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Checkpoints.Where(c => c.ProjectId == projectId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.SongAnalysisJson, analysis), ct);
        return created;
    }

    /// <summary>The checkpoint as it is saved for this song: one episode lasting the song or the excerpt.</summary>
    public static CheckpointInput Prepare(CheckpointInput input, ReceivedSong song, string key) => input with
    {
        Type = ProjectType.MusicMv,
        SongKey = key,
        SongTrackId = song.TrackId,
        SongName = song.Name,
        SongSeconds = Math.Round(song.Seconds, 3),
        EpisodeCount = 1,
        EpisodeDurationSeconds = SongRules.EpisodeSeconds(song.Seconds, input.ExcerptStartSeconds, input.ExcerptEndSeconds),
    };

    /// <summary>The stored analysis of a project's song, or null when there is none.</summary>
    public static SongAnalysis? ReadAnalysis(Checkpoint checkpoint) =>
        string.IsNullOrEmpty(checkpoint.SongAnalysisJson) ? null : JsonSerializer.Deserialize<SongAnalysis>(checkpoint.SongAnalysisJson, Json);

    /// <summary>The length ffprobe reads, or why the file cannot be a song: unreadable, shorter than 15 s, longer than 10 min.</summary>
    private static async Task<Result<double>> MeasureAsync(string path, CancellationToken ct)
    {
        IMediaAnalysis analysis;
        try
        {
            analysis = await FFProbe.AnalyseAsync(path, cancellationToken: ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Result<double>.Failure(SongRules.SongUnreadable);
        }
        if (analysis.PrimaryAudioStream is null || analysis.Duration <= TimeSpan.Zero)
            return Result<double>.Failure(SongRules.SongUnreadable);
        var seconds = analysis.Duration.TotalSeconds;
        if (seconds > SongRules.MaxSeconds + 0.5)
            return Result<double>.Failure(SongRules.SongTooLong);
        if (seconds < SongRules.MinSeconds)
            return Result<double>.Failure(SongRules.SongTooShort);
        return seconds;
    }
}
