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

    /// <summary>How long the provider list read from the database is reused before it is read again.</summary>
    public TimeSpan CatalogRefresh { get; set; } = TimeSpan.FromSeconds(15);

    public RoutingStrategy StrategyFor(GenerationTaskType? taskType) =>
        RoutingStrategyScope.Strategy
        ?? (taskType is { } type && TaskStrategies.TryGetValue(type, out var strategy) ? strategy : Strategy);
}
