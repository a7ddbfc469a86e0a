using DreamX.Domain.Assets;
using DreamX.Domain.Common;
using DreamX.Domain.Storage;
using DreamX.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Infrastructure.Assets;

/// <summary>The voice library: characters are given one, the speech provider renders with its engine settings.</summary>
public sealed class VoiceCatalog(IDbContextFactory<DreamXDbContext> contexts, CatalogMediaStore media, TimeProvider time)
{
    private readonly CatalogEntries<Voice> _entries =
        new(contexts, media, AssetKinds.Voices, db => db.Voices, v => [v.SampleAudioKey]);

    /// <summary>Voices by language then name; <paramref name="search"/> matches name, description, age range, language or engine voice.</summary>
    public Task<IReadOnlyList<Voice>> ListAsync(string? search, CancellationToken ct) =>
        _entries.ListAsync(search,
            pattern => v => EF.Functions.ILike(v.Name, pattern) || EF.Functions.ILike(v.Description, pattern)
                || EF.Functions.ILike(v.AgeRange, pattern) || EF.Functions.ILike(v.EngineVoice, pattern) || EF.Functions.ILike(v.Language, pattern),
            query => query.OrderBy(v => v.Language).ThenBy(v => v.Name), ct);

    public Task<Voice?> FindAsync(Guid id, CancellationToken ct) => _entries.FindAsync(id, ct);

    public Task<Result<Voice>> CreateAsync(VoiceDraft draft, MediaUpload? sampleAudio, CancellationToken ct) =>
        SaveAsync(null, draft, sampleAudio, ct);

    public Task<Result<Voice>> UpdateAsync(Guid id, VoiceDraft draft, MediaUpload? sampleAudio, CancellationToken ct) =>
        SaveAsync(id, draft, sampleAudio, ct);

    /// <summary>Removes the voice and its sample.</summary>
    public Task<Result> DeleteAsync(Guid id, CancellationToken ct) => _entries.DeleteAsync(id, ct);

    private async Task<Result<Voice>> SaveAsync(Guid? id, VoiceDraft draft, MediaUpload? sampleAudio, CancellationToken ct)
    {
        if (draft.Validate() is { } invalid)
            return Result<Voice>.Failure(invalid);

        // Names are unique within a language (the same name may exist once in Chinese and once in English).
        var name = draft.Name.Trim().ToLowerInvariant();
        return await _entries.SaveAsync(id, CatalogErrors.NameTaken,
            async (db, voice, token) =>
            {
                if (await db.Voices.AnyAsync(v => v.Id != voice.Id && v.Language == draft.Language && v.Name.ToLower() == name, token))
                    return CatalogErrors.NameTaken;
                draft.ApplyTo(voice);
                voice.UpdatedAt = time.GetUtcNow();
                return null;
            },
            (files, voice, token) =>
                files.ReplaceAsync("sample", sampleAudio, CatalogMediaRule.Audio, voice.SampleAudioKey, key => voice.SampleAudioKey = key, token),
            ct);
    }
}
