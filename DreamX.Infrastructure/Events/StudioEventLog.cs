using System.Text.Json;
using DreamX.Domain.Events;
using DreamX.Infrastructure.Generation;
using DreamX.Infrastructure.Persistence;
using DreamX.Infrastructure.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace DreamX.Infrastructure.Events;

/// <summary>
/// Appends events to the <c>event_log</c> table and announces each one on the <see cref="Channel"/> NOTIFY channel in
/// the same transaction (so a listener never hears of an event it cannot read). Appends are serialised by a
/// transaction-level advisory lock: ids are handed out in commit order, so "everything after id n" never skips an
/// event that committed late. Webhook deliveries for the owner's subscribed endpoints are queued in the same statement.
/// </summary>
public sealed class StudioEventLog(
    TaskNotifications notifications,
    IDbContextFactory<DreamXDbContext> contexts,
    WebhookKick kick,
    ILogger<StudioEventLog> logger)
{
    public const string Channel = "dreamx_events";

    /// <summary>The advisory lock key every append takes (an arbitrary constant of the studio's own).</summary>
    private const long AppendLock = 0x44_52_45_41_4D_58_45_4C;     // "DREAMXEL"

    /// <summary>NOTIFY payloads must stay under 8000 bytes; larger event payloads are cut to their ids.</summary>
    private const int MaxPayloadChars = 3000;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Stores the events (in order, in one transaction) and returns them with their ids.</summary>
    public async Task<IReadOnlyList<StudioEvent>> AppendAsync(IReadOnlyList<NewStudioEvent> events, CancellationToken cancellationToken = default)
    {
        if (events.Count == 0)
            return [];
        await using var connection = await notifications.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        var lockCommand = new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock(@key)");
        lockCommand.Parameters.AddWithValue("key", AppendLock);
        batch.BatchCommands.Add(lockCommand);
        foreach (var e in events)
            batch.BatchCommands.Add(InsertCommand(e));

        var stored = new List<StudioEvent>(events.Count);
        var deliveries = 0;
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            // The first result is the lock's.
            foreach (var e in events)
            {
                await reader.NextResultAsync(cancellationToken);
                await reader.ReadAsync(cancellationToken);
                stored.Add(new StudioEvent
                {
                    Id = reader.GetInt64(0),
                    CreatedAt = reader.GetFieldValue<DateTimeOffset>(1),
                    UserId = e.UserId,
                    ProjectId = e.ProjectId,
                    TaskId = e.TaskId,
                    Type = e.Type,
                    Payload = reader.GetString(2),
                });
                deliveries += reader.GetInt32(3);
            }
        }
        await transaction.CommitAsync(cancellationToken);
        if (deliveries > 0)
            await kick.DeliverSoonAsync(cancellationToken);
        return stored;
    }

    public async Task<StudioEvent> AppendAsync(NewStudioEvent e, CancellationToken cancellationToken = default) =>
        (await AppendAsync([e], cancellationToken))[0];

    /// <summary>Appends without ever failing the caller: the event log is news about work, never the work itself.</summary>
    public async Task TryAppendAsync(NewStudioEvent e, CancellationToken cancellationToken = default)
    {
        try
        {
            await AppendAsync([e], cancellationToken);
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            logger.LogWarning(exception, "The {Type} event of user {UserId} was not logged", e.Type, e.UserId);
        }
    }

    /// <summary>
    /// The events after <paramref name="afterId"/> for one project or one task (at least one of them given), oldest
    /// first, at most <paramref name="limit"/>.
    /// </summary>
    public async Task<IReadOnlyList<StudioEvent>> ReadAfterAsync(EventScope scope, long afterId, int limit, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.EventLog.AsNoTracking().Where(e => e.Id > afterId && e.UserId == scope.UserId);
        query = scope.TaskId is { } taskId ? query.Where(e => e.TaskId == taskId) : query.Where(e => e.ProjectId == scope.ProjectId);
        return await query.OrderBy(e => e.Id).Take(limit).ToListAsync(cancellationToken);
    }

    /// <summary>The newest id in the log (0 when empty): where a stream without Last-Event-ID starts.</summary>
    public async Task<long> LatestIdAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.EventLog.MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
    }

    /// <summary>Deletes events older than <paramref name="before"/>; returns how many.</summary>
    public async Task<int> PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.EventLog.Where(e => e.CreatedAt < before).ExecuteDeleteAsync(cancellationToken);
    }

    private static NpgsqlBatchCommand InsertCommand(NewStudioEvent e)
    {
        var payload = JsonSerializer.Serialize(e.Payload, Json);
        if (payload.Length > MaxPayloadChars)
            payload = JsonSerializer.Serialize(new { projectId = e.ProjectId, taskId = e.TaskId, truncated = true }, Json);
        // One statement: the row (timed after the lock, so times grow with ids), the owner's webhook deliveries (only for kinds endpoints can subscribe to) and the
        // announcement, whose payload carries the whole event so listeners need not read it back.
        var deliveries = StudioEventTypes.IsWebhookable(e.Type)
            ? """
              , d AS (
                  INSERT INTO webhook_deliveries (id, endpoint_id, event_id, event_type, body, status, attempts, created_at, next_attempt_at)
                  SELECT gen_random_uuid(), w.id, e.id, e.type,
                         json_build_object('id', 'evt_' || e.id, 'type', e.type, 'created_at', e.created_at, 'data', e.payload)::text,
                         'Pending', 0, e.created_at, e.created_at
                  FROM e JOIN webhook_endpoints w ON w.user_id = e.user_id AND w.is_enabled AND e.type = ANY (w.event_types)
                  RETURNING 1)
              """
            : ", d AS (SELECT 1 WHERE false)";
        var command = new NpgsqlBatchCommand($"""
            WITH e AS (
                INSERT INTO event_log (created_at, user_id, project_id, task_id, type, payload)
                VALUES (clock_timestamp(), @user, @project, @task, @type, @payload)
                RETURNING id, created_at, user_id, project_id, task_id, type, payload)
            {deliveries}
            SELECT e.id, e.created_at, e.payload::text, (SELECT count(*)::int FROM d),
                   pg_notify('{Channel}', json_build_object(
                       'id', e.id, 'createdAt', e.created_at, 'userId', e.user_id, 'projectId', e.project_id,
                       'taskId', e.task_id, 'type', e.type, 'payload', e.payload::text)::text)
            FROM e
            """);
        command.Parameters.AddWithValue("user", e.UserId);
        command.Parameters.Add(new NpgsqlParameter("project", NpgsqlDbType.Uuid) { Value = (object?)e.ProjectId ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("task", NpgsqlDbType.Uuid) { Value = (object?)e.TaskId ?? DBNull.Value });
        command.Parameters.AddWithValue("type", e.Type);
        command.Parameters.Add(new NpgsqlParameter("payload", NpgsqlDbType.Jsonb) { Value = payload });
        return command;
    }
}

/// <summary>Which events a stream follows: one project's or one task's, of one user.</summary>
public sealed record EventScope(string UserId, Guid? ProjectId, Guid? TaskId)
{
    public static EventScope Project(string userId, Guid projectId) => new(userId, projectId, null);

    public static EventScope Task(string userId, Guid taskId) => new(userId, null, taskId);

    public bool Matches(StudioEvent e) =>
        e.UserId == UserId && (TaskId is { } task ? e.TaskId == task : e.ProjectId == ProjectId);
}
