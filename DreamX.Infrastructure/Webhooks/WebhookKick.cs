using Microsoft.Extensions.Logging;
using Quartz;

namespace DreamX.Infrastructure.Webhooks;

/// <summary>Wakes the webhook sender now (a one-off firing of its clustered job) instead of at its next poll.</summary>
public sealed class WebhookKick(ISchedulerFactory schedulers, ILogger<WebhookKick> logger)
{
    public async Task DeliverSoonAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var scheduler = await schedulers.GetScheduler(cancellationToken);
            await scheduler.TriggerJob(new JobKey(DeliverWebhooksJob.Name), cancellationToken);
        }
        catch (SchedulerException exception)
        {
            // The poll picks the deliveries up anyway.
            logger.LogWarning(exception, "Could not wake the webhook sender");
        }
    }
}
