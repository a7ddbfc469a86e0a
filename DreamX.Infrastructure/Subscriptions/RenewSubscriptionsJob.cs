using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace DreamX.Infrastructure.Subscriptions;

/// <summary>Runs the subscription renewal on a timer; the store is clustered, so one instance fires each time.</summary>
[DisallowConcurrentExecution]
public sealed class RenewSubscriptionsJob(IServiceScopeFactory scopes) : IJob
{
    public const string Name = "renew-subscriptions";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SubscriptionPlans>().RenewDueAsync(cancellationToken);
    }
}
