using DreamX.Infrastructure.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace DreamX.Infrastructure.Events;

/// <summary>Deletes events older than <see cref="EventLogOptions.Retention"/> and old webhook delivery logs; clustered, one instance at a time.</summary>
[DisallowConcurrentExecution]
public sealed class PurgeEventLogJob(
    StudioEventLog log,
    WebhookSender webhooks,
    IOptions<EventLogOptions> options,
    TimeProvider clock,
    ILogger<PurgeEventLogJob> logger) : IJob
{
    public const string Name = "purge-event-log";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var events = await log.PurgeAsync(clock.GetUtcNow() - options.Value.Retention, cancellationToken);
        var deliveries = await webhooks.PurgeAsync(cancellationToken);
        if (events + deliveries > 0)
            logger.LogInformation("Purged {Events} old events and {Deliveries} old webhook deliveries", events, deliveries);
    }
}
