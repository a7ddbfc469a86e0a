namespace DreamX.Domain.Credits;

/// <summary>Why a ledger entry moved credits.</summary>
public enum CreditEntryKind
{
    Earned,
    Purchased,
    Consumed,
    Reserved,
    Released,
    Refunded,
    Adjusted,
}
