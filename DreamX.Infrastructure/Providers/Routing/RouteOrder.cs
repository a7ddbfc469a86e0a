namespace DreamX.Infrastructure.Providers.Routing;

/// <summary>
/// The order in which providers are tried for a strategy. Configured providers come first, sorted by the
/// strategy (ties: lower priority number first, then name); the built-in provider is always the last resort.
/// </summary>
public static class RouteOrder
{
    public static IReadOnlyList<ProviderCandidate> Sort(IEnumerable<ProviderCandidate> candidates, RoutingStrategy strategy)
    {
        var all = candidates.ToList();
        var maxPrice = all.Select(c => c.Price).DefaultIfEmpty(0m).Max();
        return all
            .OrderBy(c => c.IsBuiltin)
            .ThenByDescending(c => Score(c, strategy, maxPrice))
            .ThenBy(c => c.Priority)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
    }

    private static decimal Score(ProviderCandidate candidate, RoutingStrategy strategy, decimal maxPrice)
    {
        // Cheapness on the same 0-10 scale as quality and speed: free is 10, the dearest is 0.
        var cheapness = maxPrice == 0 ? 10m : 10m * (1 - candidate.Price / maxPrice);
        return strategy switch
        {
            RoutingStrategy.Cost => -candidate.Price,
            RoutingStrategy.Quality => candidate.Quality,
            RoutingStrategy.Speed => candidate.Speed,
            _ => 0.4m * candidate.Quality + 0.3m * candidate.Speed + 0.3m * cheapness,
        };
    }
}
