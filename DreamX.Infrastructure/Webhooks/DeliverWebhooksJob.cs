using Quartz;

namespace DreamX.Infrastructure.Webhooks;

/// <summary>Sends due webhook deliveries (new ones and retries); clustered, one run at a time across instances.</summary>
[DisallowConcurrentExecution]
public sealed class DeliverWebhooksJob(WebhookSender sender) : IJob
{
    public const string Name = "deliver-webhooks";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await sender.SendDueAsync(cancellationToken);
}
