using DreamX.Infrastructure.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace DreamX.Infrastructure.Events;

/// <summary>
/// The API's housekeeping: deletes events older than <see cref="EventLogOptions.Retention"/>, old webhook delivery logs
/// and Idempotency-Key records past <see cref="Api.IdempotentRequests.Retention"/>; clustered, one instance at a time.
/// </summary>
[DisallowConcurrentExecution]
public sealed class PurgeEventLogJob(
    StudioEventLog log,
    WebhookSender webhooks,
    Api.IdempotentRequests idempotentRequests,
    IOptions<EventLogOptions> options,
    TimeProvider clock,
    ILogger<PurgeEventLogJob> logger) : IJob
{
    public const string Name = "purge-event-log";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var events = await log.PurgeAsync(clock.GetUtcNow() - options.Value.Retention, cancellationToken);
        var deliveries = await webhooks.PurgeAsync(cancellationToken);
        var keys = await idempotentRequests.PruneAsync(cancellationToken);
        if (events + deliveries + keys > 0)
            logger.LogInformation("Purged {Events} old events, {Deliveries} old webhook deliveries and {Keys} expired idempotency keys", events, deliveries, keys);
    }
}
