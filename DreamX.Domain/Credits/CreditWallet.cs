namespace DreamX.Domain.Credits;

/// <summary>A user's available credits and what is held by queued tasks; the database forbids a negative balance.</summary>
public sealed class CreditWallet
{
    public string UserId { get; init; } = "";
    public int Balance { get; set; }
    public int Reserved { get; set; }
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
    public uint RowVersion { get; set; }
}
