using DreamX.Domain.Characters;
using DreamX.Domain.Common;
using DreamX.Domain.Media;
using DreamX.Domain.Storage;
using DreamX.Infrastructure.Persistence;
using DreamX.Infrastructure.Production;
using DreamX.Infrastructure.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DreamX.Infrastructure.Characters;

/// <summary>A generated shot picture a creator may pick for a character's sheet.</summary>
public sealed record ShotPicture(Guid ShotId, string ImageKey, int EpisodeNumber, int SceneNumber, int Order);

/// <summary>
/// The characters' reference sheets in the database and object storage: the portrait plus up to
/// <see cref="Character.MaxExtraReferences"/> extra pictures under <c>projects/{id}/references/</c>, the seed and the lock.
/// Image steps read the pictures through <see cref="ImagesAsync"/> just before a call; the video stage does the same.
/// </summary>
public sealed class CharacterReferences(
    IDbContextFactory<DreamXDbContext> contexts, IObjectStorage storage, TimeProvider clock, ILogger<CharacterReferences> logger)
    : ICharacterReferences
{
    public const string NotFound = "references.not_found";
    public const string Full = "references.full";
    public const string NoShotImage = "references.no_shot_image";
    public const string UnknownReference = "references.unknown";
    public const string ChangedMeanwhile = "node.changed_meanwhile";

    /// <summary>The sheet of one loaded character (no storage access).</summary>
    public static CharacterReferenceSheet SheetOf(Character c) =>
        new(c.Id, c.Key, c.Name, c.Appearance, c.EffectiveSeed, c.LookLocked, c.PortraitKey, [.. c.ReferenceKeys]);

    public async Task<IReadOnlyList<CharacterReferenceSheet>> SheetsAsync(IReadOnlyCollection<Guid> characterIds, CancellationToken ct = default)
    {
        if (characterIds.Count == 0)
            return [];
        await using var db = await contexts.CreateDbContextAsync(ct);
        var found = await db.Characters.AsNoTracking().Where(c => characterIds.Contains(c.Id)).ToListAsync(ct);
        return [.. characterIds.Select(id => found.FirstOrDefault(c => c.Id == id)).OfType<Character>().Select(SheetOf)];
    }

    public async Task<IReadOnlyList<CharacterReferenceImage>> ImagesAsync(IEnumerable<CharacterReferenceSheet> sheets, CancellationToken ct = default)
    {
        var images = new List<CharacterReferenceImage>();
        foreach (var sheet in sheets)
        {
            foreach (var key in sheet.ImageKeys)
            {
                if (await ReadImageAsync(key, ct) is { } image)
                    images.Add(new CharacterReferenceImage(sheet.CharacterKey, sheet.Name, key, image.Content, image.ContentType));
            }
        }
        return images;
    }

    /// <summary>
    /// A stored picture and its type (read from its bytes), or null when it is gone or not an image: a missing reference is
    /// left out of a request rather than failing it.
    /// </summary>
    public async Task<(byte[] Content, string ContentType)?> ReadImageAsync(string key, CancellationToken ct)
    {
        if (!ObjectKey.TryParse(key, out var objectKey))
            return null;
        if (await storage.ReadAllBytesAsync(objectKey, ct) is not { Bytes: var bytes })
        {
            logger.LogWarning("Reference picture {Key} is missing from storage; it is left out.", key);
            return null;
        }
        return MediaSniffer.Sniff(bytes, MediaFamily.Image) is { } format ? (bytes, format.ContentType) : null;
    }

    /// <summary>The generated pictures of the shots <paramref name="characterKey"/> is in, in story order.</summary>
    public async Task<IReadOnlyList<ShotPicture>> ShotPicturesAsync(string ownerId, Guid projectId, string characterKey, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var access = await ProjectAccess.ActAsync(db, ownerId, projectId, ProjectPermission.Read, NotFound, ct);
        if (access.IsFailure)
            return [];
        var graph = await ProductionGraph.LoadAsync(db, projectId, access.Value, ct);
        if (graph is null)
            return [];
        return [.. graph.Episodes.OrderBy(e => e.Number)
            .SelectMany(e => e.Scenes.OrderBy(s => s.Number).SelectMany(s => s.Shots.OrderBy(h => h.Order)
                .Where(h => h.ImageKey is not null && h.CharacterKeys.Contains(characterKey))
                .Select(h => new ShotPicture(h.Id, h.ImageKey!, e.Number, s.Number, h.Order))))];
    }

    public async Task<Result<string>> AddUploadAsync(string ownerId, Guid projectId, Guid characterId, byte[] upload, CancellationToken ct = default)
    {
        var normalized = ReferenceImageUpload.Normalize(upload);
        if (normalized.IsFailure)
            return Result.Failure<string>(normalized.Error!);
        return await AddAsync(ownerId, projectId, characterId, normalized.Value, ReferenceImageUpload.StoredContentType, "jpg", ct);
    }

    public async Task<Result<string>> AddFromShotAsync(string ownerId, Guid projectId, Guid characterId, Guid shotId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var access = await ProjectAccess.ActAsync(db, ownerId, projectId, ProjectPermission.Edit, NotFound, ct);
        if (access.IsFailure)
            return Result.Failure<string>(access.Error!);
        var imageKey = await db.Shots.AsNoTracking()
            .Where(s => s.Id == shotId && db.Scenes.Any(sc => sc.Id == s.SceneId && db.Episodes.Any(e => e.Id == sc.EpisodeId
                && e.ProjectId == projectId)))
            .Select(s => s.ImageKey)
            .FirstOrDefaultAsync(ct);
        if (imageKey is null || await ReadImageAsync(imageKey, ct) is not { } image)
            return Result.Failure<string>(NoShotImage);
        // A copy: the shot's own picture may be regenerated (and its old object removed) later.
        var extension = image.ContentType switch { "image/png" => "png", "image/webp" => "webp", _ => "jpg" };
        return await AddAsync(ownerId, projectId, characterId, image.Content, image.ContentType, extension, ct);
    }

    public async Task<Result> RemoveAsync(string ownerId, Guid projectId, Guid characterId, string key, CancellationToken ct = default)
    {
        var removed = await ChangeAsync(ownerId, projectId, characterId, c =>
            c.ReferenceKeys.Remove(key) ? Result.Success() : Result.Failure(UnknownReference), ct);
        if (removed.IsSuccess && ObjectKey.TryParse(key, out var objectKey))
            await storage.DeleteAsync(objectKey, ct);
        return removed;
    }

    public Task<Result> SetSeedAsync(string ownerId, Guid projectId, Guid characterId, int seed, CancellationToken ct = default) =>
        seed < 0
            ? Task.FromResult(Result.Failure("references.seed_range"))
            : ChangeAsync(ownerId, projectId, characterId, (graph, c) =>
            {
                if (c.EffectiveSeed == seed)
                    return Result.Success();
                c.Seed = seed;
                // A new seed draws the character anew: what shows them was drawn from the old one.
                StaleMarks.AfterCharacterChanged(graph, c);
                return Result.Success();
            }, ct);

    public Task<Result> SetLookLockedAsync(string ownerId, Guid projectId, Guid characterId, bool locked, CancellationToken ct = default) =>
        ChangeAsync(ownerId, projectId, characterId, c =>
        {
            c.LookLocked = locked;
            return Result.Success();
        }, ct);

    private async Task<Result<string>> AddAsync(
        string ownerId, Guid projectId, Guid characterId, byte[] content, string contentType, string extension, CancellationToken ct)
    {
        var key = ObjectKey.ForProject(projectId, ProjectAreas.References, $"{characterId:N}-{clock.GetUtcNow():yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.{extension}");
        // Refused before the upload when the sheet is already full; checked again when the key is saved.
        var full = await ChangeAsync(ownerId, projectId, characterId, c =>
            c.ReferenceKeys.Count >= Character.MaxExtraReferences ? Result.Failure(Full) : Result.Success(), ct, save: false);
        if (full.IsFailure)
            return Result.Failure<string>(full.Error!);

        await storage.PutAsync(key, new MemoryStream(content), contentType, ct);
        var added = await ChangeAsync(ownerId, projectId, characterId, c =>
        {
            if (c.ReferenceKeys.Count >= Character.MaxExtraReferences)
                return Result.Failure(Full);
            c.ReferenceKeys = [.. c.ReferenceKeys, key.Value];
            return Result.Success();
        }, ct);
        if (added.IsFailure)
        {
            await storage.DeleteAsync(key, ct);
            return Result.Failure<string>(added.Error!);
        }
        return key.Value;
    }

    private async Task<Result> ChangeAsync(string ownerId, Guid projectId, Guid characterId, Func<Character, Result> change, CancellationToken ct, bool save = true) =>
        await ChangeAsync(ownerId, projectId, characterId, (_, c) => change(c), ct, save);

    /// <summary>Loads the project (as its owner), applies <paramref name="change"/> to the character and saves.</summary>
    private async Task<Result> ChangeAsync(
        string ownerId, Guid projectId, Guid characterId, Func<ProductionGraph, Character, Result> change, CancellationToken ct, bool save = true)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var access = await ProjectAccess.ActAsync(db, ownerId, projectId, ProjectPermission.Edit, NotFound, ct);
        if (access.IsFailure)
            return Result.Failure(access.Error!);
        var graph = await ProductionGraph.LoadAsync(db, projectId, access.Value, ct);
        var character = graph?.Characters.FirstOrDefault(c => c.Id == characterId);
        if (graph is null || character is null)
            return Result.Failure(NotFound);
        var result = change(graph, character);
        if (result.IsFailure || !save)
            return result;
        character.UpdatedAt = clock.GetUtcNow();
        try
        {
            // A new seed, lock or reference is the creator's change: a Generate after it is a new request.
            await CreatorEdits.SaveWithMarkAsync(db, projectId, character.UpdatedAt, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Failure(ChangedMeanwhile);
        }
        return Result.Success();
    }
}
