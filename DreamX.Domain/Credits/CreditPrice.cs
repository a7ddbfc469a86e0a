using DreamX.Domain.Generation;

namespace DreamX.Domain.Credits;

/// <summary>What one task of a type costs at a quality, in credits (admin-editable).</summary>
public sealed class CreditPrice
{
    public GenerationTaskType TaskType { get; init; }
    public GenerationQuality Quality { get; init; }
    public int Credits { get; set; }

    /// <summary>Typical run time, used for the quote's time estimate.</summary>
    public int EstimatedSeconds { get; set; }

    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}
