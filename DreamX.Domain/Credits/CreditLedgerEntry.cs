namespace DreamX.Domain.Credits;

/// <summary>
/// An append-only ledger line. <see cref="Amount"/> moves the available balance (negative for a spend or
/// reservation); the idempotency key makes a retried operation a no-op instead of a double charge.
/// </summary>
public sealed class CreditLedgerEntry
{
    public long Id { get; init; }
    public string UserId { get; init; } = "";
    public CreditEntryKind Kind { get; init; }
    public int Amount { get; init; }
    public int BalanceAfter { get; init; }
    public string IdempotencyKey { get; init; } = "";
    public Guid? TaskId { get; init; }
    public Guid? ProjectId { get; init; }
    public string? Reason { get; init; }
    public string? ActorId { get; init; }
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
}
