using DreamX.Domain.Common;
using DreamX.Domain.Storage;
using DreamX.Domain.Users;
using DreamX.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Infrastructure.Users;

/// <summary>What a creator sees and changes on the profile page.</summary>
public sealed record ProfileView(string UserId, string Email, string Nickname, string? AvatarKey, string TimeZoneId);

/// <summary>A creator's profile: nickname, time zone (the day of a daily check-in) and avatar.</summary>
public sealed class CreatorProfiles(IDbContextFactory<DreamXDbContext> contexts, IObjectStorage storage, TimeProvider clock)
{
    public async Task<ProfileView?> FindAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(ct);
        if (email is null)
            return null;
        var profile = await GetOrCreateAsync(db, userId, email, ct);
        await db.SaveChangesAsync(ct);
        return new ProfileView(userId, email, profile.Nickname, profile.AvatarKey, profile.TimeZoneId);
    }

    public async Task<Result> UpdateAsync(string userId, string nickname, string timeZoneId, CancellationToken ct = default)
    {
        var trimmed = nickname?.Trim() ?? "";
        if (trimmed.Length == 0)
            return Result.Failure("nickname.required");
        if (trimmed.Length > UserProfile.NicknameMaxLength)
            return Result.Failure("nickname.too_long");
        if (!IsKnownTimeZone(timeZoneId))
            return Result.Failure("timezone.unknown");

        await using var db = await contexts.CreateDbContextAsync(ct);
        var profile = await FindProfileAsync(db, userId, ct);
        if (profile is null)
            return Result.Failure("profile.not_found");
        profile.Nickname = trimmed;
        profile.TimeZoneId = timeZoneId;
        profile.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return Result.Success();
    }

    /// <summary>Checks and stores a new avatar; the previous one is removed once the new one is saved.</summary>
    /// <returns>The new avatar's key, or why the upload was refused.</returns>
    public async Task<Result<ObjectKey>> ReplaceAvatarAsync(string userId, byte[] upload, string contentType, CancellationToken ct = default)
    {
        var normalized = AvatarImage.Normalize(upload, contentType);
        if (normalized.IsFailure)
            return Result.Failure<ObjectKey>(normalized.Error!);

        await using var db = await contexts.CreateDbContextAsync(ct);
        var profile = await FindProfileAsync(db, userId, ct);
        if (profile is null)
            return Result.Failure<ObjectKey>("profile.not_found");

        // A new name each time: browsers and CDNs may cache the old picture under the old URL.
        var key = ObjectKey.ForUserAvatar(userId, $"avatar-{clock.GetUtcNow():yyyyMMddHHmmssfff}.png");
        await storage.PutAsync(key, new MemoryStream(normalized.Value), "image/png", ct);
        var previous = profile.AvatarKey;
        profile.AvatarKey = key.Value;
        profile.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);

        if (previous is not null && previous != key.Value && ObjectKey.TryParse(previous, out var old))
            await storage.DeleteAsync(old, ct);
        return key;
    }

    public async Task<Result> RemoveAvatarAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var profile = await FindProfileAsync(db, userId, ct);
        if (profile is null)
            return Result.Failure("profile.not_found");
        var previous = profile.AvatarKey;
        profile.AvatarKey = null;
        profile.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        if (previous is not null && ObjectKey.TryParse(previous, out var old))
            await storage.DeleteAsync(old, ct);
        return Result.Success();
    }

    public static bool IsKnownTimeZone(string? id) => id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);

    private static Task<UserProfile?> FindProfileAsync(DreamXDbContext db, string userId, CancellationToken ct) =>
        db.UserProfiles.FirstOrDefaultAsync(p => p.UserId == userId, ct);

    /// <summary>Accounts made before profiles existed (or by tools) get one on first visit.</summary>
    private static async Task<UserProfile> GetOrCreateAsync(DreamXDbContext db, string userId, string email, CancellationToken ct)
    {
        var profile = await FindProfileAsync(db, userId, ct);
        if (profile is not null)
            return profile;
        profile = new UserProfile { UserId = userId, Nickname = email.Split('@')[0] };
        db.UserProfiles.Add(profile);
        return profile;
    }
}
