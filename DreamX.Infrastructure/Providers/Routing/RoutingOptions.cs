using DreamX.Domain.Generation;

namespace DreamX.Infrastructure.Providers.Routing;

/// <summary>Routing settings ("Providers:Routing").</summary>
public sealed class RoutingOptions
{
    public const string Section = "Providers:Routing";

    public RoutingStrategy Strategy { get; set; } = RoutingStrategy.Balanced;

    /// <summary>A strategy per task type where it differs from <see cref="Strategy"/> (e.g. ShotImage: Quality).</summary>
    public Dictionary<GenerationTaskType, RoutingStrategy> TaskStrategies { get; set; } = [];

    /// <summary>Consecutive failures that open a provider's circuit.</summary>
    public int FailureThreshold { get; set; } = 3;

    /// <summary>How long an open circuit skips its provider before one trial call is let through.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Calls to one provider for one request when it fails transiently (429, 5xx, timeout) before the next is tried.</summary>
    public int SameProviderAttempts { get; set; } = 3;

    /// <summary>The wait before the first retry of the same provider (doubled each time) when it gave no Retry-After.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest Retry-After honoured in place; a provider asking for more is passed over (the engine retries later).</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the provider list read from the database is reused before it is read again.</summary>
    public TimeSpan CatalogRefresh { get; set; } = TimeSpan.FromSeconds(15);

    public RoutingStrategy StrategyFor(GenerationTaskType? taskType) =>
        RoutingStrategyScope.Strategy
        ?? (taskType is { } type && TaskStrategies.TryGetValue(type, out var strategy) ? strategy : Strategy);
}
