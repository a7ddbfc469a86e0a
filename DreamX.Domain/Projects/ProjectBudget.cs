using DreamX.Domain.Common;

namespace DreamX.Domain.Projects;

/// <summary>
/// A capped project's budget as a creator reads it: the cap, what was spent, what its unfinished tasks hold
/// (they may still be charged) and what is left for new work.
/// </summary>
public sealed record ProjectBudget(int CapCredits, int SpentCredits, int HeldCredits = 0)
{
    /// <summary>The highest cap a creator can set; a project needing more has no cap.</summary>
    public const int MaxCapCredits = 1_000_000;

    public const string CapOutOfRange = "budget.cap_range";

    public int LeftCredits => Math.Max(0, CapCredits - SpentCredits - HeldCredits);

    /// <summary>Whether new tasks costing <paramref name="credits"/> stay within the cap.</summary>
    public bool Allows(int credits) => credits <= LeftCredits;

    /// <summary>A cap is a whole number of credits from 0 to <see cref="MaxCapCredits"/>; null means no cap.</summary>
    public static ValidationError? ValidateCap(int? capCredits) => capCredits is < 0 or > MaxCapCredits ? CapRangeError : null;

    /// <summary>What a cap out of range (or not a whole number) breaks.</summary>
    public static ValidationError CapRangeError => new(nameof(Project.BudgetCapCredits), CapOutOfRange, 0, MaxCapCredits);
}
