using DreamX.Domain.Generation;

namespace DreamX.Infrastructure.Providers.Routing;

/// <summary>
/// A provider that can serve a capability, with what the strategies weigh: quality and speed (1-10), a typical
/// price, the admin's priority. <see cref="Provider"/> implements the capability's port. A built-in candidate with
/// <see cref="FallbackAllowed"/> false serves only when no configured provider can do the capability at all.
/// </summary>
public sealed record ProviderCandidate(
    string Name,
    string Model,
    object Provider,
    int Quality = 5,
    int Speed = 5,
    decimal Price = 0m,
    int Priority = 0,
    bool IsBuiltin = false,
    bool FallbackAllowed = true,
    bool AcceptsReferences = false);

/// <summary>Where the router learns which providers exist for a capability (enabled ones only).</summary>
public interface IProviderCatalog
{
    Task<IReadOnlyList<ProviderCandidate>> CandidatesAsync(ProviderCapabilities capability, CancellationToken cancellationToken);
}
