using DreamX.Infrastructure.Identity;
using DreamX.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Npgsql;

namespace DreamX.Infrastructure.Api;

/// <summary>
/// An API call made with an <c>Idempotency-Key</c>: the first call's answer, kept for a day so a repeat of the same key
/// gets the same answer without doing (or charging) the work again.
/// </summary>
public sealed class IdempotentRequest
{
    public const int KeyMaxLength = 200;

    public string UserId { get; init; } = "";
    public string Key { get; init; } = "";

    /// <summary>SHA-256 of the method, route and arguments: the same key with another request is refused.</summary>
    public string RequestHash { get; set; } = "";

    public int? StatusCode { get; set; }
    public string? ContentType { get; set; }
    public string? Body { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}

internal sealed class IdempotentRequestConfiguration : IEntityTypeConfiguration<IdempotentRequest>
{
    public void Configure(EntityTypeBuilder<IdempotentRequest> request)
    {
        request.ToTable("api_idempotent_requests");
        request.HasKey(r => new { r.UserId, r.Key });
        request.Property(r => r.Key).HasMaxLength(IdempotentRequest.KeyMaxLength);
        request.Property(r => r.RequestHash).HasMaxLength(64);
        request.Property(r => r.ContentType).HasMaxLength(100);
        request.HasIndex(r => r.CreatedAt);
        request.HasOne<ApplicationUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>What <see cref="IdempotentRequests.BeginAsync"/> found for a key.</summary>
public enum IdempotencyOutcome
{
    /// <summary>First use of the key: do the work, then <see cref="IdempotentRequests.CompleteAsync"/>.</summary>
    Claimed,

    /// <summary>Done before: answer with the stored response.</summary>
    Replay,

    /// <summary>The same key with a different request.</summary>
    Mismatch,

    /// <summary>A call with this key is still being carried out.</summary>
    InProgress,
}

public sealed record IdempotencyClaim(IdempotencyOutcome Outcome, int StatusCode = 0, string? ContentType = null, string? Body = null);

/// <summary>
/// The store behind <c>Idempotency-Key</c>: the first call of a key claims it (a row, unique per user and key, so two
/// concurrent calls cannot both claim), the answer is stored, and repeats within a day get that answer back.
/// </summary>
public sealed class IdempotentRequests(IDbContextFactory<DreamXDbContext> contexts, TimeProvider clock)
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>A claim not completed after this long belongs to a call that died: the key may be claimed again.</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(2);

    public async Task<IdempotencyClaim> BeginAsync(string userId, string key, string requestHash, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Set<IdempotentRequest>().Add(new IdempotentRequest { UserId = userId, Key = key, RequestHash = requestHash, CreatedAt = now });
        try
        {
            await db.SaveChangesAsync(ct);
            return new IdempotencyClaim(IdempotencyOutcome.Claimed);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
        }

        var existing = await db.Set<IdempotentRequest>().AsNoTracking().FirstAsync(r => r.UserId == userId && r.Key == key, ct);
        var expired = existing.CompletedAt is { } done ? now - done > Retention : now - existing.CreatedAt > AbandonedAfter;
        if (expired)
        {
            // Take the stale row over, conditionally, so only one of two racing callers gets it.
            var taken = await db.Set<IdempotentRequest>()
                .Where(r => r.UserId == userId && r.Key == key && r.CreatedAt == existing.CreatedAt)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.RequestHash, requestHash)
                    .SetProperty(r => r.CreatedAt, now)
                    .SetProperty(r => r.CompletedAt, (DateTimeOffset?)null)
                    .SetProperty(r => r.StatusCode, (int?)null)
                    .SetProperty(r => r.Body, (string?)null), ct);
            return new IdempotencyClaim(taken == 1 ? IdempotencyOutcome.Claimed : IdempotencyOutcome.InProgress);
        }
        if (existing.RequestHash != requestHash)
            return new IdempotencyClaim(IdempotencyOutcome.Mismatch);
        if (existing.CompletedAt is null)
            return new IdempotencyClaim(IdempotencyOutcome.InProgress);
        return new IdempotencyClaim(IdempotencyOutcome.Replay, existing.StatusCode ?? 200, existing.ContentType, existing.Body);
    }

    public async Task CompleteAsync(string userId, string key, int statusCode, string? contentType, string? body, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Set<IdempotentRequest>().Where(r => r.UserId == userId && r.Key == key)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.StatusCode, statusCode)
                .SetProperty(r => r.ContentType, contentType)
                .SetProperty(r => r.Body, body)
                .SetProperty(r => r.CompletedAt, now), ct);
    }

    /// <summary>The call failed on our side (5xx, exception): the key is released so the client can try again.</summary>
    public async Task AbandonAsync(string userId, string key, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Set<IdempotentRequest>().Where(r => r.UserId == userId && r.Key == key && r.CompletedAt == null).ExecuteDeleteAsync(ct);
    }

    /// <summary>Removes answers older than the retention (run now and then; a stale row is also taken over on use).</summary>
    public async Task<int> PruneAsync(CancellationToken ct = default)
    {
        var cutoff = clock.GetUtcNow() - Retention;
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Set<IdempotentRequest>().Where(r => r.CreatedAt < cutoff).ExecuteDeleteAsync(ct);
    }
}
