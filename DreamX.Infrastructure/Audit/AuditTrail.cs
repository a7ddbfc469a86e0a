using DreamX.Domain.Audit;
using DreamX.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DreamX.Infrastructure.Audit;

/// <summary>A search of the audit log; every filter is optional.</summary>
public sealed record AuditQuery(
    string? Action = null,
    string? Search = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    int Page = 0,
    int PageSize = 50);

/// <summary>One audit line as the admin page shows it: ids resolved to e-mail addresses.</summary>
public sealed record AuditRow(
    long Id,
    DateTimeOffset At,
    string Action,
    string? ActorId,
    string? ActorEmail,
    string? TargetUserId,
    string? TargetEmail,
    string? Subject,
    string? Details,
    string? IpAddress,
    string? CorrelationId);

public sealed record AuditPage(IReadOnlyList<AuditRow> Items, int Total);

/// <summary>Writes and searches the audit log.</summary>
public sealed class AuditTrail(IDbContextFactory<DreamXDbContext> contexts, TimeProvider clock, ILogger<AuditTrail> logger)
{
    public const int SubjectMax = 300;
    public const int DetailsMax = 1000;

    /// <summary>
    /// Records an event with the ambient actor (see <see cref="AuditContext"/>) unless <paramref name="actorId"/> names
    /// one (a login, before the circuit knows who is there). An audit write that fails is logged, never thrown: a
    /// database blip must not turn a successful login into an error page.
    /// </summary>
    public async Task RecordAsync(
        string action,
        string? targetUserId = null,
        string? subject = null,
        string? details = null,
        string? actorId = null,
        CancellationToken cancellationToken = default)
    {
        var entry = Entry(action, targetUserId, subject, details, actorId, clock.GetUtcNow());
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            db.AuditEntries.Add(entry);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is DbUpdateException or NpgsqlException or TimeoutException)
        {
            logger.LogError(ex, "Audit entry {Action} for {TargetUserId} by {ActorId} could not be written", action, targetUserId, entry.ActorId);
        }
    }

    /// <summary>The row to add inside a caller's own transaction (the credit ledger writes its audit line atomically).</summary>
    public static AuditEntry Entry(string action, string? targetUserId, string? subject, string? details, string? actorId, DateTimeOffset at)
    {
        var ambient = AuditContext.Current;
        return new AuditEntry
        {
            At = at,
            Action = action,
            ActorId = actorId ?? ambient?.UserId,
            TargetUserId = targetUserId,
            Subject = Clip(subject, SubjectMax),
            Details = Clip(details, DetailsMax),
            IpAddress = ambient?.IpAddress,
            CorrelationId = ambient?.CorrelationId,
        };
    }

    public async Task<AuditPage> SearchAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows =
            from a in db.AuditEntries.AsNoTracking()
            join actor in db.Users.AsNoTracking() on a.ActorId equals actor.Id into actors
            from actor in actors.DefaultIfEmpty()
            join target in db.Users.AsNoTracking() on a.TargetUserId equals target.Id into targets
            from target in targets.DefaultIfEmpty()
            select new { a, ActorEmail = actor == null ? null : actor.Email, TargetEmail = target == null ? null : target.Email };

        if (!string.IsNullOrWhiteSpace(query.Action))
        {
            rows = query.Action.EndsWith('.')
                ? rows.Where(r => r.a.Action.StartsWith(query.Action))
                : rows.Where(r => r.a.Action == query.Action);
        }
        if (query.From is { } from)
            rows = rows.Where(r => r.a.At >= from);
        if (query.To is { } to)
            rows = rows.Where(r => r.a.At < to);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = "%" + query.Search.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            rows = rows.Where(r =>
                EF.Functions.ILike(r.ActorEmail ?? "", pattern)
                || EF.Functions.ILike(r.TargetEmail ?? "", pattern)
                || EF.Functions.ILike(r.a.Subject ?? "", pattern)
                || EF.Functions.ILike(r.a.IpAddress ?? "", pattern)
                || r.a.CorrelationId == query.Search.Trim());
        }

        var total = await rows.CountAsync(cancellationToken);
        var size = Math.Clamp(query.PageSize, 1, 200);
        var items = await rows
            .OrderByDescending(r => r.a.Id)
            .Skip(Math.Max(0, query.Page) * size)
            .Take(size)
            .Select(r => new AuditRow(
                r.a.Id, r.a.At, r.a.Action, r.a.ActorId, r.ActorEmail, r.a.TargetUserId, r.TargetEmail,
                r.a.Subject, r.a.Details, r.a.IpAddress, r.a.CorrelationId))
            .ToListAsync(cancellationToken);
        return new AuditPage(items, total);
    }

    private static string? Clip(string? text, int max) => text is null || text.Length <= max ? text : text[..max];
}
