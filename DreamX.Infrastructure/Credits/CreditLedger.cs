using DreamX.Domain.Audit;
using DreamX.Infrastructure.Audit;
using System.Data;
using DreamX.Domain.Common;
using DreamX.Domain.Credits;
using DreamX.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DreamX.Infrastructure.Credits;

/// <summary>
/// The credit ledger on PostgreSQL. Each operation is one transaction: a conditional UPDATE of the wallet row,
/// then the ledger entry whose unique idempotency key turns a repeat into a rollback. Entries' amounts move the
/// available balance (balance - reserved), so the sum of a user's entries is always their available credits.
/// </summary>
public sealed class CreditLedger(IDbContextFactory<DreamXDbContext> contexts) : ICreditLedger
{
    public const string Insufficient = "credits.insufficient";
    public const string NoHold = "credits.no_hold";

    public async Task<CreditBalance> GetBalanceAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var wallet = await db.CreditWallets.AsNoTracking().FirstOrDefaultAsync(w => w.UserId == userId, cancellationToken);
        return wallet is null ? new CreditBalance(0, 0) : new CreditBalance(wallet.Balance, wallet.Reserved);
    }

    public Task<Result> ReserveForTaskAsync(string userId, Guid taskId, Guid? projectId, int credits, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async (connection, transaction) =>
        {
            if (credits < 0)
                throw new ArgumentOutOfRangeException(nameof(credits));
            // One statement that locks the row and re-checks the predicate on its newest version (READ COMMITTED
            // re-evaluates a WHERE after waiting on a row lock): concurrent reservations from any process serialise
            // on the row and none can take the available balance below zero, without SERIALIZABLE retries.
            var wallet = await QueryWalletAsync(connection, transaction,
                """
                UPDATE credit_wallets SET reserved = reserved + @n, updated_at = now()
                WHERE user_id = @u AND balance - reserved >= @n
                RETURNING balance, reserved
                """,
                ("n", credits), ("u", userId));
            if (wallet is null)
                return await AlreadyDoneAsync(connection, transaction, ReserveKey(taskId)) ? Result.Success() : Result.Failure(Insufficient);

            var inserted = await InsertEntryAsync(connection, transaction, userId, CreditEntryKind.Reserved, -credits, wallet.Available,
                ReserveKey(taskId), taskId, projectId, "task reserved", null);
            return inserted ? Result.Success() : Repeat();
        }, cancellationToken);

    public Task<Result> ConsumeForTaskAsync(Guid taskId, int credits, CancellationToken cancellationToken = default) =>
        InTransactionAsync((connection, transaction) => ConsumeAsync(connection, transaction, taskId, credits), cancellationToken);

    public Task<Result> ReleaseForTaskAsync(Guid taskId, string reason, CancellationToken cancellationToken = default) =>
        InTransactionAsync((connection, transaction) => ReleaseAsync(connection, transaction, taskId, reason), cancellationToken);

    /// <summary>
    /// <see cref="ConsumeForTaskAsync"/> inside the caller's transaction (behind a savepoint), so a task's final status
    /// and its charge commit together: whoever reads the task as finished also reads its credits as settled.
    /// </summary>
    internal static Task<Result> ConsumeWithinAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid taskId, int credits) =>
        WithinAsync(connection, transaction, (c, t) => ConsumeAsync(c, t, taskId, credits));

    /// <summary><see cref="ReleaseForTaskAsync"/> inside the caller's transaction (behind a savepoint).</summary>
    internal static Task<Result> ReleaseWithinAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid taskId, string reason) =>
        WithinAsync(connection, transaction, (c, t) => ReleaseAsync(c, t, taskId, reason));

    private static async Task<Result> ConsumeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid taskId, int credits)
    {
        var hold = await FindHoldAsync(connection, transaction, taskId);
        if (hold is null)
            return Result.Failure(NoHold);
        var charge = Math.Clamp(credits, 0, hold.Value.Credits);

        var wallet = await QueryWalletAsync(connection, transaction,
            """
            UPDATE credit_wallets SET reserved = reserved - @hold, balance = balance - @charge, updated_at = now()
            WHERE user_id = @u AND reserved >= @hold
            RETURNING balance, reserved
            """,
            ("hold", hold.Value.Credits), ("charge", charge), ("u", hold.Value.UserId));
        if (wallet is null)
            return Result.Failure(NoHold);

        // The hold comes back and the charge goes out: two entries, so entries keep summing to the available balance.
        // The release key is shared with ReleaseForTaskAsync, so a task is either consumed or released, once.
        if (!await InsertEntryAsync(connection, transaction, hold.Value.UserId, CreditEntryKind.Released, hold.Value.Credits,
                wallet.Available + charge, ReleaseKey(taskId), taskId, hold.Value.ProjectId, "hold settled", null))
            return Repeat();
        await InsertEntryAsync(connection, transaction, hold.Value.UserId, CreditEntryKind.Consumed, -charge, wallet.Available,
            ConsumeKey(taskId), taskId, hold.Value.ProjectId, "task succeeded", null);
        // The project's spending moves in the same transaction as the charge: exactly once, like the entry.
        if (hold.Value.ProjectId is { } projectId && charge > 0)
            await ExecuteAsync(connection, transaction, "UPDATE projects SET credits_spent = credits_spent + @n WHERE id = @p", ("n", charge), ("p", projectId));
        return Result.Success();
    }

    private static async Task<Result> ReleaseAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid taskId, string reason)
    {
        var hold = await FindHoldAsync(connection, transaction, taskId);
        if (hold is null)
            return Result.Success();        // nothing was held (a free task): nothing to give back
        var wallet = await QueryWalletAsync(connection, transaction,
            """
            UPDATE credit_wallets SET reserved = reserved - @hold, updated_at = now()
            WHERE user_id = @u AND reserved >= @hold
            RETURNING balance, reserved
            """,
            ("hold", hold.Value.Credits), ("u", hold.Value.UserId));
        if (wallet is null)
            return Result.Failure(NoHold);
        var inserted = await InsertEntryAsync(connection, transaction, hold.Value.UserId, CreditEntryKind.Released, hold.Value.Credits,
            wallet.Available, ReleaseKey(taskId), taskId, hold.Value.ProjectId, Truncate(reason), null);
        return inserted ? Result.Success() : Repeat();
    }

    public async Task<Result<CreditBalance>> PostAsync(
        string userId,
        CreditEntryKind kind,
        int amount,
        string idempotencyKey,
        string reason,
        string? actorId = null,
        CancellationToken cancellationToken = default)
    {
        CreditBalance? balance = null;
        var result = await InTransactionAsync(async (connection, transaction) =>
        {
            await ExecuteAsync(connection, transaction,
                "INSERT INTO credit_wallets (user_id, balance, reserved, updated_at) VALUES (@u, 0, 0, now()) ON CONFLICT (user_id) DO NOTHING",
                ("u", userId));
            var wallet = await QueryWalletAsync(connection, transaction,
                """
                UPDATE credit_wallets SET balance = balance + @n, updated_at = now()
                WHERE user_id = @u AND balance + @n - reserved >= 0
                RETURNING balance, reserved
                """,
                ("n", amount), ("u", userId));
            if (wallet is null)
                return Result.Failure(Insufficient);
            if (!await InsertEntryAsync(connection, transaction, userId, kind, amount, wallet.Available, idempotencyKey, null, null, Truncate(reason), actorId))
                return Repeat();
            balance = wallet;
            return Result.Success();
        }, cancellationToken);

        if (result.IsFailure)
            return Result.Failure<CreditBalance>(result.Error!);
        return balance ?? await GetBalanceAsync(userId, cancellationToken);
    }

    internal static string ReserveKey(Guid taskId) => $"task:{taskId:N}:reserve";
    internal static string ReleaseKey(Guid taskId) => $"task:{taskId:N}:release";
    internal static string ConsumeKey(Guid taskId) => $"task:{taskId:N}:consume";

    /// <summary>A repeated key: the transaction is rolled back (see <see cref="RepeatMarker"/>) and the call is a success.</summary>
    private static Result Repeat() => RepeatMarker;

    private static readonly Result RepeatMarker = Result.Success();

    private async Task<Result> InTransactionAsync(Func<NpgsqlConnection, NpgsqlTransaction, Task<Result>> work, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        return await KeepOrUndoAsync(() => work(connection, transaction),
            () => transaction.CommitAsync(cancellationToken), () => transaction.RollbackAsync(cancellationToken));
    }

    /// <summary>
    /// Runs <paramref name="work"/> behind a savepoint of the caller's transaction: a repeat or a failure rolls back
    /// only the ledger's part, and the caller decides whether to commit the rest.
    /// </summary>
    private static async Task<Result> WithinAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Func<NpgsqlConnection, NpgsqlTransaction, Task<Result>> work)
    {
        const string savepoint = "credit_ledger";
        await transaction.SaveAsync(savepoint);
        return await KeepOrUndoAsync(() => work(connection, transaction),
            () => transaction.ReleaseAsync(savepoint), () => transaction.RollbackAsync(savepoint));
    }

    /// <summary>Keeps the work's changes when it succeeded; undoes them on a failure or a repeat (which is a success).</summary>
    private static async Task<Result> KeepOrUndoAsync(Func<Task<Result>> work, Func<Task> keep, Func<Task> undo)
    {
        var result = await work();
        if (result.IsSuccess && !ReferenceEquals(result, RepeatMarker))
            await keep();
        else
            await undo();
        return ReferenceEquals(result, RepeatMarker) ? Result.Success() : result;
    }

    private static async Task<bool> AlreadyDoneAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string key)
    {
        await using var command = Command(connection, transaction, "SELECT 1 FROM credit_ledger WHERE idempotency_key = @k", ("k", key));
        return await command.ExecuteScalarAsync() is not null;
    }

    private readonly record struct Hold(string UserId, int Credits, Guid? ProjectId);

    private static async Task<Hold?> FindHoldAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid taskId)
    {
        await using var command = Command(connection, transaction,
            "SELECT user_id, -amount, project_id FROM credit_ledger WHERE idempotency_key = @k", ("k", ReserveKey(taskId)));
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
            return null;
        return new Hold(reader.GetString(0), reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetGuid(2));
    }

    private static async Task<CreditBalance?> QueryWalletAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? new CreditBalance(reader.GetInt32(0), reader.GetInt32(1)) : null;
    }

    private static async Task<bool> InsertEntryAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string userId, CreditEntryKind kind, int amount, int balanceAfter,
        string key, Guid? taskId, Guid? projectId, string? reason, string? actorId)
    {
        var rows = await ExecuteAsync(connection, transaction,
            """
            INSERT INTO credit_ledger (user_id, kind, amount, balance_after, idempotency_key, task_id, project_id, reason, actor_id, created_at)
            VALUES (@u, @kind, @amount, @after, @key, @task, @project, @reason, @actor, now())
            ON CONFLICT (idempotency_key) DO NOTHING
            """,
            ("u", userId), ("kind", kind.ToString()), ("amount", amount), ("after", balanceAfter), ("key", key),
            ("task", (object?)taskId ?? DBNull.Value), ("project", (object?)projectId ?? DBNull.Value),
            ("reason", (object?)reason ?? DBNull.Value), ("actor", (object?)actorId ?? DBNull.Value));
        if (rows != 1)
            return false;

        // Every ledger write leaves an audit line in the same transaction: who moved the credits and from where.
        var audit = AuditTrail.Entry(
            AuditActions.LedgerPrefix + kind.ToString().ToLowerInvariant(), userId, key,
            $"{amount:+#;-#;0} → {balanceAfter}" + (reason is null ? "" : " · " + reason), actorId, DateTimeOffset.UtcNow);
        await ExecuteAsync(connection, transaction,
            """
            INSERT INTO audit_log (at, action, actor_id, target_user_id, subject, details, ip_address, correlation_id)
            VALUES (now(), @action, @actor, @target, @subject, @details, @ip, @correlation)
            """,
            ("action", audit.Action), ("actor", (object?)audit.ActorId ?? DBNull.Value), ("target", userId),
            ("subject", (object?)audit.Subject ?? DBNull.Value), ("details", (object?)audit.Details ?? DBNull.Value),
            ("ip", (object?)audit.IpAddress ?? DBNull.Value), ("correlation", (object?)audit.CorrelationId ?? DBNull.Value));
        return true;
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync();
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return command;
    }

    private static string Truncate(string reason) => reason.Length <= 500 ? reason : reason[..500];
}
