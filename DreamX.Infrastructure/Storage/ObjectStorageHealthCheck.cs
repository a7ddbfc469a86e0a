using DreamX.Domain.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace DreamX.Infrastructure.Storage;

/// <summary>Reports whether object storage answers, within <see cref="ObjectStorageOptions.HealthCheckTimeout"/>.</summary>
public sealed class ObjectStorageHealthCheck(IObjectStorage storage, IOptions<ObjectStorageOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var timeout = options.Value.HealthCheckTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);

        try
        {
            var health = await storage.CheckHealthAsync(deadline.Token);
            return health.IsHealthy
                ? HealthCheckResult.Healthy()
                : new HealthCheckResult(context.Registration.FailureStatus, health.Reason);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"Storage did not answer within {timeout.TotalSeconds:0.#} s.");
        }
    }
}
