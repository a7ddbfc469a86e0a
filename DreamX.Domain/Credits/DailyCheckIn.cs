namespace DreamX.Domain.Credits;

/// <summary>One check-in per user per calendar day in the user's time zone (the primary key enforces it).</summary>
public sealed class DailyCheckIn
{
    public string UserId { get; init; } = "";
    public DateOnly LocalDate { get; init; }
    public int Streak { get; init; }
    public int Credits { get; init; }
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
}
