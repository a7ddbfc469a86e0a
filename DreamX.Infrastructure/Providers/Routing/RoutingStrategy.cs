namespace DreamX.Infrastructure.Providers.Routing;

/// <summary>How the router orders the providers that can do a task.</summary>
public enum RoutingStrategy
{
    /// <summary>Quality and speed weighed against price.</summary>
    Balanced,
    Cost,
    Quality,
    Speed,
}

/// <summary>
/// A strategy for the calls made inside a scope (one request, one job), overriding the configured one:
/// <c>using (RoutingStrategyScope.Use(RoutingStrategy.Quality)) { ... }</c>.
/// </summary>
public static class RoutingStrategyScope
{
    private static readonly AsyncLocal<RoutingStrategy?> Current = new();

    public static RoutingStrategy? Strategy => Current.Value;

    public static IDisposable Use(RoutingStrategy strategy)
    {
        var previous = Current.Value;
        Current.Value = strategy;
        return new Restore(previous);
    }

    private sealed class Restore(RoutingStrategy? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
