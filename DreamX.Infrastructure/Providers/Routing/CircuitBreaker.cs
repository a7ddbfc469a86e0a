namespace DreamX.Infrastructure.Providers.Routing;

public enum CircuitState
{
    Closed,
    Open,
    HalfOpen,
}

/// <summary>
/// Keeps a sick provider out of the way: opens after <c>threshold</c> consecutive failures, skips the provider for
/// the break, then lets one trial call through (half-open): success closes it, failure opens it again.
/// </summary>
public sealed class CircuitBreaker(int threshold, TimeSpan breakDuration, TimeProvider time)
{
    private readonly Lock _gate = new();
    private int _consecutiveFailures;
    private DateTimeOffset _openUntil;
    private bool _trialInFlight;

    public CircuitState State
    {
        get
        {
            lock (_gate)
                return StateAt(time.GetUtcNow());
        }
    }

    /// <summary>Whether a call may go through now; when not, how long until the next trial.</summary>
    public bool TryEnter(out TimeSpan retryIn)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            retryIn = TimeSpan.Zero;
            switch (StateAt(now))
            {
                case CircuitState.Closed:
                    return true;
                case CircuitState.HalfOpen when !_trialInFlight:
                    _trialInFlight = true;
                    return true;
                case CircuitState.HalfOpen:
                    retryIn = breakDuration;
                    return false;
                default:
                    retryIn = _openUntil - now;
                    return false;
            }
        }
    }

    public void RecordSuccess()
    {
        lock (_gate)
        {
            _consecutiveFailures = 0;
            _trialInFlight = false;
            _openUntil = default;
        }
    }

    /// <summary>The caller gave up: says nothing about the provider's health, but frees a half-open trial.</summary>
    public void RecordAbandoned()
    {
        lock (_gate)
            _trialInFlight = false;
    }

    public void RecordFailure()
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var wasTrial = _trialInFlight;
            _trialInFlight = false;
            _consecutiveFailures++;
            if (wasTrial || _consecutiveFailures >= threshold)
                _openUntil = now + breakDuration;
        }
    }

    private CircuitState StateAt(DateTimeOffset now) =>
        _openUntil == default ? CircuitState.Closed
        : now < _openUntil ? CircuitState.Open
        : CircuitState.HalfOpen;
}

/// <summary>
/// One circuit breaker per provider and capability, shared by every call in the process: a provider whose text model is
/// down can still draw.
/// </summary>
public sealed class ProviderCircuits(Microsoft.Extensions.Options.IOptions<RoutingOptions> options, TimeProvider time)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, CircuitBreaker> _breakers = new(StringComparer.OrdinalIgnoreCase);

    public CircuitBreaker For(string provider, DreamX.Domain.Generation.ProviderCapabilities capability) =>
        _breakers.GetOrAdd($"{provider}\n{capability}", _ => new CircuitBreaker(Math.Max(1, options.Value.FailureThreshold), options.Value.BreakDuration, time));
}
