using DreamX.Infrastructure.Credits;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace DreamX.Infrastructure.Subscriptions;

public static class SubscriptionsServiceCollectionExtensions
{
    /// <summary>
    /// Plans, daily check-ins and the wallet's history (the renewal job is scheduled with the engine's Quartz, see
    /// <see cref="ScheduleRenewal"/>).
    /// </summary>
    public static IHostApplicationBuilder AddSubscriptions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CreditHistory>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<SubscriptionPlans>();
        builder.Services.AddSingleton<DailyCheckIns>();
        return builder;
    }

    /// <summary>
    /// The recurring renewal in the engine's clustered, persistent Quartz store, every
    /// <c>Subscriptions:RenewalInterval</c> (default one minute).
    /// </summary>
    public static void ScheduleRenewal(this IQuartzBuilder quartz, IHostApplicationBuilder builder)
    {
        // Any host that runs the scheduler can run the job, also one without the web app's other services.
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<Audit.AuditTrail>();      // a plan change is audited, also from an engine-only host
        builder.Services.TryAddSingleton<SubscriptionPlans>();
        var interval = builder.Configuration.GetValue<TimeSpan?>("Subscriptions:RenewalInterval") ?? TimeSpan.FromMinutes(1);
        quartz.ScheduleJob<RenewSubscriptionsJob>(
            trigger => trigger.WithIdentity(RenewSubscriptionsJob.Name).StartNow()
                .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever()),
            job => job.WithIdentity(RenewSubscriptionsJob.Name));
    }
}
