using DreamX.Domain.Generation;
using DreamX.Domain.Generation.Providers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DreamX.Infrastructure.Providers.Routing;

/// <summary>
/// What a routed call returned, which provider and model answered, whether that was the built-in standing in for a
/// configured provider (<see cref="IsFallback"/>), and who failed before it.
/// </summary>
public sealed record RoutedResult<T>(T Value, string Provider, string Model, IReadOnlyList<ProviderAttempt> FailedAttempts, bool IsFallback = false);

public sealed record ProviderAttempt(string Provider, string Reason, bool IsTransient);

/// <summary>
/// Picks providers for a capability in the order of the task's strategy and skips those whose circuit (per provider and
/// capability) is open. A provider that fails transiently (429, 5xx, timeout) is tried again, up to
/// <see cref="RoutingOptions.SameProviderAttempts"/> calls, waiting what its Retry-After asks (up to
/// <see cref="RoutingOptions.MaxRetryAfter"/>) or a doubling delay; then the next provider is tried. The built-in provider
/// stands in for configured ones only where an admin allowed it for the capability (else it serves only when no provider
/// is configured for it). When every provider fails the caller gets one <see cref="ProviderFailure"/> listing each reason;
/// it is transient when any failure was (so the engine retries). A call may <c>prefer</c> some candidates: they are tried
/// first (a frame with characters in it goes to an image model that takes their reference pictures).
/// </summary>
public sealed class ProviderRouter(IProviderCatalog catalog, ProviderCircuits circuits, IOptions<RoutingOptions> options, ILogger<ProviderRouter> logger)
{
    public const string Name = "router";

    public async Task<RoutedResult<TResult>> RouteAsync<TPort, TResult>(
        ProviderCapabilities capability,
        GenerationTaskType? taskType,
        Func<TPort, CancellationToken, Task<TResult>> call,
        CancellationToken cancellationToken,
        RoutingStrategy? strategy = null,
        Func<ProviderCandidate, bool>? prefer = null)
        where TPort : class
    {
        var settings = options.Value;
        var candidates = (await catalog.CandidatesAsync(capability, cancellationToken)).Where(c => c.Provider is TPort).ToList();
        var configured = candidates.Any(c => !c.IsBuiltin);
        // With a configured provider the built-in is a fallback, used only where the admin allows it.
        var ordered = RouteOrder.Sort(candidates.Where(c => !c.IsBuiltin || !configured || c.FallbackAllowed), strategy ?? settings.StrategyFor(taskType));
        // Candidates the call prefers (e.g. ones that take reference pictures) go first, each group in the strategy's order.
        if (prefer is not null)
            ordered = [.. ordered.OrderByDescending(prefer)];
        if (ordered.Count == 0)
            throw new ProviderFailure(Name, $"No enabled provider can do {capability}.", isTransient: false);

        var failures = new List<ProviderAttempt>();
        TimeSpan? soonestRetry = null;
        foreach (var candidate in ordered)
        {
            var circuit = circuits.For(candidate.Name, capability);
            var attempts = Math.Max(1, settings.SameProviderAttempts);
            for (var attempt = 1; attempt <= attempts; attempt++)
            {
                if (!circuit.TryEnter(out var retryIn))
                {
                    failures.Add(new ProviderAttempt(candidate.Name, "circuit open (skipped after repeated failures)", IsTransient: true));
                    soonestRetry = Min(soonestRetry, retryIn);
                    break;
                }

                ProviderAttempt failed;
                TimeSpan? retryAfter = null;
                try
                {
                    var value = await call((TPort)candidate.Provider, cancellationToken);
                    circuit.RecordSuccess();
                    return new RoutedResult<TResult>(value, candidate.Name, candidate.Model, failures, IsFallback: candidate.IsBuiltin && configured);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    circuit.RecordAbandoned();
                    throw;
                }
                catch (ProviderFailure failure)
                {
                    circuit.RecordFailure();
                    failed = new ProviderAttempt(candidate.Name, failure.Message, failure.IsTransient);
                    retryAfter = failure.RetryAfter;
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException or TimeoutException or OperationCanceledException)
                {
                    circuit.RecordFailure();
                    failed = new ProviderAttempt(candidate.Name, ex.Message, IsTransient: true);
                }

                failures.Add(failed);
                if (retryAfter is { } after)
                    soonestRetry = Min(soonestRetry, after);

                // Permanent failures are not retried; a wait longer than allowed is left to the engine's own retry.
                var wait = retryAfter ?? settings.RetryDelay * Math.Pow(2, attempt - 1);
                var again = failed.IsTransient && attempt < attempts && wait <= settings.MaxRetryAfter;
                logger.LogWarning("Provider {Provider} failed for {Capability} (attempt {Attempt}, {Transient}): {Reason}; {Next}.",
                    candidate.Name, capability, attempt, failed.IsTransient ? "transient" : "permanent", failed.Reason,
                    again ? $"retrying in {wait.TotalSeconds:0.#} s" : "trying the next provider");
                if (!again)
                    break;
                if (wait > TimeSpan.Zero)
                    await Task.Delay(wait, cancellationToken);
            }
        }

        var reasons = string.Join("; ", failures.Select(f => $"{f.Provider}: {f.Reason}"));
        throw new ProviderFailure(failures[^1].Provider, $"Every provider for {capability} failed. {reasons}", failures.Any(f => f.IsTransient), soonestRetry);
    }

    private static TimeSpan? Min(TimeSpan? a, TimeSpan b) => a is { } current && current <= b ? current : b;
}
