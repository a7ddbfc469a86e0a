using DreamX.Domain.Generation;
using DreamX.Domain.Generation.Providers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DreamX.Infrastructure.Providers.Routing;

/// <summary>What a routed call returned, which provider and model answered, and who failed before it.</summary>
public sealed record RoutedResult<T>(T Value, string Provider, string Model, IReadOnlyList<ProviderAttempt> FailedAttempts);

public sealed record ProviderAttempt(string Provider, string Reason, bool IsTransient);

/// <summary>
/// Picks providers for a capability in the order of the task's strategy, skips those whose circuit is open, and
/// fails over to the next one when a call fails. When every provider fails the caller gets one
/// <see cref="ProviderFailure"/> listing each reason; it is transient when any failure was (so the engine retries).
/// </summary>
public sealed class ProviderRouter(IProviderCatalog catalog, ProviderCircuits circuits, IOptions<RoutingOptions> options, ILogger<ProviderRouter> logger)
{
    public const string Name = "router";

    public async Task<RoutedResult<TResult>> RouteAsync<TPort, TResult>(
        ProviderCapabilities capability,
        GenerationTaskType? taskType,
        Func<TPort, CancellationToken, Task<TResult>> call,
        CancellationToken cancellationToken,
        RoutingStrategy? strategy = null)
        where TPort : class
    {
        var candidates = await catalog.CandidatesAsync(capability, cancellationToken);
        var ordered = RouteOrder.Sort(candidates.Where(c => c.Provider is TPort), strategy ?? options.Value.StrategyFor(taskType));
        if (ordered.Count == 0)
            throw new ProviderFailure(Name, $"No enabled provider can do {capability}.", isTransient: false);

        var failures = new List<ProviderAttempt>();
        TimeSpan? soonestRetry = null;
        foreach (var candidate in ordered)
        {
            var circuit = circuits.For(candidate.Name);
            if (!circuit.TryEnter(out var retryIn))
            {
                failures.Add(new ProviderAttempt(candidate.Name, "circuit open (skipped after repeated failures)", IsTransient: true));
                soonestRetry = Min(soonestRetry, retryIn);
                continue;
            }

            try
            {
                var value = await call((TPort)candidate.Provider, cancellationToken);
                circuit.RecordSuccess();
                return new RoutedResult<TResult>(value, candidate.Name, candidate.Model, failures);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                circuit.RecordAbandoned();
                throw;
            }
            catch (ProviderFailure failure)
            {
                circuit.RecordFailure();
                failures.Add(new ProviderAttempt(candidate.Name, failure.Message, failure.IsTransient));
                if (failure.RetryAfter is { } after)
                    soonestRetry = Min(soonestRetry, after);
                logger.LogWarning("Provider {Provider} failed for {Capability} ({Transient}): {Reason}; trying the next one.",
                    candidate.Name, capability, failure.IsTransient ? "transient" : "permanent", failure.Message);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or TimeoutException or OperationCanceledException)
            {
                circuit.RecordFailure();
                failures.Add(new ProviderAttempt(candidate.Name, ex.Message, IsTransient: true));
                logger.LogWarning(ex, "Provider {Provider} threw for {Capability}; trying the next one.", candidate.Name, capability);
            }
        }

        var reasons = string.Join("; ", failures.Select(f => $"{f.Provider}: {f.Reason}"));
        throw new ProviderFailure(failures[^1].Provider, $"Every provider for {capability} failed. {reasons}", failures.Any(f => f.IsTransient), soonestRetry);
    }

    private static TimeSpan? Min(TimeSpan? a, TimeSpan b) => a is { } current && current <= b ? current : b;
}
