using DreamX.Domain.Common;

namespace DreamX.Domain.Characters;

/// <summary>
/// A character's reference sheet: the approved portrait and the extra references (<see cref="ImageKeys"/>, portrait
/// first), the appearance text and the fixed seed. What image and video requests show a model of the character.
/// </summary>
public sealed record CharacterReferenceSheet(
    Guid CharacterId,
    string CharacterKey,
    string Name,
    string Appearance,
    int Seed,
    bool LookLocked,
    string? PortraitKey,
    IReadOnlyList<string> ExtraKeys)
{
    public IReadOnlyList<string> ImageKeys =>
        PortraitKey is { Length: > 0 } portrait ? [portrait, .. ExtraKeys.Where(k => k != portrait)] : ExtraKeys;
}

/// <summary>One reference picture, read from storage, ready to send to a model.</summary>
public sealed record CharacterReferenceImage(string CharacterKey, string Name, string Key, byte[] Content, string ContentType);

/// <summary>
/// Port: the characters' reference sheets, and the creator's changes to them (extra pictures, seed, lock look).
/// Keys are object-storage keys; images are checked when they are added.
/// </summary>
public interface ICharacterReferences
{
    /// <summary>The sheets of <paramref name="characterIds"/> (unknown ids are left out), in the order asked.</summary>
    Task<IReadOnlyList<CharacterReferenceSheet>> SheetsAsync(IReadOnlyCollection<Guid> characterIds, CancellationToken ct = default);

    /// <summary>The pictures behind <paramref name="sheets"/> (portrait first, then extras); missing objects are skipped.</summary>
    Task<IReadOnlyList<CharacterReferenceImage>> ImagesAsync(IEnumerable<CharacterReferenceSheet> sheets, CancellationToken ct = default);

    /// <summary>Checks an uploaded picture (a real PNG/JPEG/WebP that decodes, within the size limits) and adds it.</summary>
    Task<Result<string>> AddUploadAsync(string ownerId, Guid projectId, Guid characterId, byte[] upload, CancellationToken ct = default);

    /// <summary>Adds a copy of a shot's generated frame as a reference.</summary>
    Task<Result<string>> AddFromShotAsync(string ownerId, Guid projectId, Guid characterId, Guid shotId, CancellationToken ct = default);

    Task<Result> RemoveAsync(string ownerId, Guid projectId, Guid characterId, string key, CancellationToken ct = default);

    Task<Result> SetSeedAsync(string ownerId, Guid projectId, Guid characterId, int seed, CancellationToken ct = default);

    Task<Result> SetLookLockedAsync(string ownerId, Guid projectId, Guid characterId, bool locked, CancellationToken ct = default);
}
