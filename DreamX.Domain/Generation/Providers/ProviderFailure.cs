namespace DreamX.Domain.Generation.Providers;

/// <summary>
/// Thrown by a provider when a call fails. <see cref="IsTransient"/> tells the engine whether a retry can help
/// (429, 5xx, timeouts) or whether the task must fail with <see cref="Exception.Message"/> as its reason.
/// </summary>
public sealed class ProviderFailure(string provider, string message, bool isTransient, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(message, inner)
{
    public string Provider { get; } = provider;
    public bool IsTransient { get; } = isTransient;

    /// <summary>What the provider asked for (HTTP Retry-After), used instead of the computed backoff.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}

/// <summary>
/// What a call used and cost, recorded on the task. <see cref="IsFallback"/>: a built-in provider stood in because the
/// configured provider(s) failed (an admin allowed it for the capability), so the result must say so.
/// <see cref="ReferenceImages"/>: how many character reference pictures the model was shown (0: words only).
/// </summary>
public sealed record ProviderUsage(string Provider, string Model, int TokensIn = 0, int TokensOut = 0, decimal Cost = 0m, bool IsFallback = false, int ReferenceImages = 0);
