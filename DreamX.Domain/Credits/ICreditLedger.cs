using DreamX.Domain.Common;

namespace DreamX.Domain.Credits;

/// <summary>A wallet's state: what is owned and what is held for queued or running tasks.</summary>
public sealed record CreditBalance(int Balance, int Reserved)
{
    public int Available => Balance - Reserved;
}

/// <summary>
/// Port: the append-only credit ledger. Every change is an entry with a unique idempotency key, so calling twice
/// with the same key changes nothing; the available balance never goes below zero, also under concurrency.
/// </summary>
public interface ICreditLedger
{
    Task<CreditBalance> GetBalanceAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>Holds credits for a task; fails with <c>credits.insufficient</c> when not enough are available.</summary>
    Task<Result> ReserveForTaskAsync(string userId, Guid taskId, Guid? projectId, int credits, CancellationToken cancellationToken = default);

    /// <summary>Turns the task's hold into a charge of <paramref name="credits"/> (at most the hold; the rest is released).</summary>
    Task<Result> ConsumeForTaskAsync(Guid taskId, int credits, CancellationToken cancellationToken = default);

    /// <summary>Gives the task's hold back (failed or cancelled).</summary>
    Task<Result> ReleaseForTaskAsync(Guid taskId, string reason, CancellationToken cancellationToken = default);

    /// <summary>Adds (or with a negative amount and kind Adjusted, removes) credits outside of tasks: grants, check-ins, admin adjustments.</summary>
    Task<Result<CreditBalance>> PostAsync(
        string userId,
        CreditEntryKind kind,
        int amount,
        string idempotencyKey,
        string reason,
        string? actorId = null,
        CancellationToken cancellationToken = default);
}
