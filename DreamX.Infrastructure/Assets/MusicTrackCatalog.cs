using DreamX.Infrastructure.Audit;
using DreamX.Domain.Assets;
using DreamX.Domain.Common;
using DreamX.Domain.Storage;
using DreamX.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Infrastructure.Assets;

/// <summary>The music library: admins upload beds with a mood; compose picks one per episode (see <see cref="MusicBed"/>).</summary>
public sealed class MusicTrackCatalog(IDbContextFactory<DreamXDbContext> contexts, CatalogMediaStore media)
{
    private readonly CatalogEntries<MusicTrack> _entries =
        new(contexts, media, AssetKinds.Music, db => db.MusicTracks, t => [t.AudioKey]);

    /// <summary>Tracks by title; <paramref name="search"/> matches title or mood.</summary>
    public Task<IReadOnlyList<MusicTrack>> ListAsync(string? search, CancellationToken ct) =>
        _entries.ListAsync(search,
            pattern => t => EF.Functions.ILike(t.Title, pattern) || EF.Functions.ILike(t.Mood, pattern),
            query => query.OrderBy(t => t.Title), ct);

    public Task<MusicTrack?> FindAsync(Guid id, CancellationToken ct) => _entries.FindAsync(id, ct);

    /// <summary>The tracks a creator can choose for an episode (active ones), by mood then title.</summary>
    public async Task<IReadOnlyList<MusicTrack>> ListActiveAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.MusicTracks.AsNoTracking().Where(t => t.IsActive).OrderBy(t => t.Mood).ThenBy(t => t.Title).ToListAsync(ct);
    }

    /// <summary>Adds a track; the audio is required, and must be readable and at least <see cref="MusicTrack.MinDurationSeconds"/> long.</summary>
    public Task<Result<MusicTrack>> CreateAsync(MusicTrackDraft draft, MediaUpload? audio, CancellationToken ct) =>
        audio is null ? Task.FromResult(Result<MusicTrack>.Failure(MusicTrackErrors.AudioRequired)) : SaveAsync(null, draft, audio, ct);

    /// <summary>Changes a track; without <paramref name="audio"/> the stored file and its duration stay.</summary>
    public Task<Result<MusicTrack>> UpdateAsync(Guid id, MusicTrackDraft draft, MediaUpload? audio, CancellationToken ct) =>
        SaveAsync(id, draft, audio, ct);

    /// <summary>Switches a track on or off for compose without touching the rest.</summary>
    public async Task<Result> SetActiveAsync(Guid id, bool isActive, CancellationToken ct)
    {
        ActorGate.DemandAdmin();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var changed = await db.MusicTracks.Where(t => t.Id == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.IsActive, isActive), ct);
        return changed == 0 ? Result.Failure(CatalogErrors.NotFound) : Result.Success();
    }

    /// <summary>Removes the track and its audio.</summary>
    public Task<Result> DeleteAsync(Guid id, CancellationToken ct) => _entries.DeleteAsync(id, ct);

    private async Task<Result<MusicTrack>> SaveAsync(Guid? id, MusicTrackDraft draft, MediaUpload? audio, CancellationToken ct)
    {
        if (draft.Validate() is { } invalid)
            return Result<MusicTrack>.Failure(invalid);

        decimal? duration = null;
        if (audio is not null)
        {
            var measured = await MeasureAsync(audio, ct);
            if (measured.IsFailure)
                return Result<MusicTrack>.Failure(measured.Error!);
            duration = measured.Value;
        }

        var title = draft.Title.Trim().ToLowerInvariant();
        return await _entries.SaveAsync(id, CatalogErrors.TitleTaken,
            async (db, track, token) =>
            {
                if (await db.MusicTracks.AnyAsync(t => t.Id != track.Id && t.Title.ToLower() == title, token))
                    return CatalogErrors.TitleTaken;
                draft.ApplyTo(track);
                if (duration is { } seconds)
                    track.DurationSeconds = seconds;
                return null;
            },
            (files, track, token) =>
                files.ReplaceAsync("audio", audio, CatalogMediaRule.Audio, track.AudioKey, key => track.AudioKey = key, token),
            ct);
    }

    /// <summary>The file's length in seconds (two decimals), or why it cannot be a bed: wrong type, unreadable, too short.</summary>
    private static async Task<Result<decimal>> MeasureAsync(MediaUpload audio, CancellationToken ct)
    {
        var format = CatalogMediaRule.Audio.Check(audio);
        if (format.IsFailure)
            return Result<decimal>.Failure(format.Error!);

        var seconds = await AudioLength.MeasureAsync(audio.Content, format.Value.Extension, ct);
        if (seconds is null)
            return Result<decimal>.Failure(MusicTrackErrors.AudioUnreadable);
        if (seconds < MusicTrack.MinDurationSeconds)
            return Result<decimal>.Failure(MusicTrackErrors.TooShort);
        return Math.Round((decimal)seconds.Value, 2);
    }
}
