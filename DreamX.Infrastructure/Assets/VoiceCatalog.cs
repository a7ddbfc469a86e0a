using DreamX.Domain.Assets;
using DreamX.Domain.Common;
using DreamX.Domain.Storage;
using DreamX.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Infrastructure.Assets;

/// <summary>The voice library: characters are given one, the speech provider renders with its engine settings.</summary>
public sealed class VoiceCatalog(IDbContextFactory<DreamXDbContext> contexts, CatalogMediaStore media, TimeProvider time)
{
    /// <summary>Voices by language then name; <paramref name="search"/> matches name, description, age range or engine voice.</summary>
    public async Task<IReadOnlyList<Voice>> ListAsync(string? search, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.Voices.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = CatalogSaves.ContainsPattern(search);
            query = query.Where(v => EF.Functions.ILike(v.Name, pattern) || EF.Functions.ILike(v.Description, pattern)
                || EF.Functions.ILike(v.AgeRange, pattern) || EF.Functions.ILike(v.EngineVoice, pattern) || EF.Functions.ILike(v.Language, pattern));
        }

        return await query.OrderBy(v => v.Language).ThenBy(v => v.Name).ToListAsync(ct);
    }

    public async Task<Voice?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Voices.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, ct);
    }

    public Task<Result<Voice>> CreateAsync(VoiceDraft draft, MediaUpload? sampleAudio, CancellationToken ct) =>
        SaveAsync(null, draft, sampleAudio, ct);

    public Task<Result<Voice>> UpdateAsync(Guid id, VoiceDraft draft, MediaUpload? sampleAudio, CancellationToken ct) =>
        SaveAsync(id, draft, sampleAudio, ct);

    /// <summary>Removes the voice and its sample.</summary>
    public async Task<Result> DeleteAsync(Guid id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var voice = await db.Voices.FirstOrDefaultAsync(v => v.Id == id, ct);
        if (voice is null)
            return Result.Failure(CatalogErrors.NotFound);

        db.Voices.Remove(voice);
        await db.SaveChangesAsync(ct);
        await media.DeleteAsync(voice.SampleAudioKey, ct);
        return Result.Success();
    }

    private async Task<Result<Voice>> SaveAsync(Guid? id, VoiceDraft draft, MediaUpload? sampleAudio, CancellationToken ct)
    {
        if (draft.Validate() is { } invalid)
            return Result<Voice>.Failure(invalid);

        await using var db = await contexts.CreateDbContextAsync(ct);
        Voice voice;
        if (id is { } existingId)
        {
            var found = await db.Voices.FirstOrDefaultAsync(v => v.Id == existingId, ct);
            if (found is null)
                return Result<Voice>.Failure(CatalogErrors.NotFound);
            voice = found;
        }
        else
        {
            voice = new Voice();
            db.Voices.Add(voice);
        }

        // Names are unique within a language (the same name may exist once in Chinese and once in English).
        var name = draft.Name.Trim().ToLowerInvariant();
        if (await db.Voices.AnyAsync(v => v.Id != voice.Id && v.Language == draft.Language && v.Name.ToLower() == name, ct))
            return Result<Voice>.Failure(CatalogErrors.NameTaken);

        draft.ApplyTo(voice);
        voice.UpdatedAt = time.GetUtcNow();

        var files = new CatalogMediaChanges(media, AssetKinds.Voices, voice.Id);
        if (await files.ReplaceAsync("sample", sampleAudio, CatalogMediaRule.Audio, voice.SampleAudioKey, key => voice.SampleAudioKey = key, ct) is { } bad)
            return Result<Voice>.Failure(bad);

        var saved = await db.SaveAsync(CatalogErrors.NameTaken, ct);
        if (saved.IsFailure)
        {
            await files.RollBackAsync(ct);
            return Result<Voice>.Failure(saved.Error!);
        }

        await files.CommitAsync(ct);
        return voice;
    }
}
