using DreamX.Infrastructure.Outbound;
using DreamX.Infrastructure.Webhooks;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace DreamX.Infrastructure.Events;

public static class EventsServiceCollectionExtensions
{
    /// <summary>The event log (task events stored and announced), the live streams that read it and outbound webhooks.</summary>
    public static IHostApplicationBuilder AddStudioEvents(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<EventLogOptions>().Bind(builder.Configuration.GetSection(EventLogOptions.Section));
        builder.Services.AddOptions<WebhookOptions>().Bind(builder.Configuration.GetSection(WebhookOptions.Section));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<IHostResolver, DnsHostResolver>();
        builder.Services.AddDataProtection();

        builder.Services.AddSingleton<StudioEventLog>();
        builder.Services.AddSingleton<StudioEventHub>();
        builder.Services.AddSingleton<EventStream>();
        builder.Services.AddSingleton<TaskEventRecorder>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TaskEventRecorder>());

        builder.Services.AddSingleton<WebhookKick>();
        builder.Services.AddSingleton<WebhookHttp>();
        builder.Services.AddSingleton<WebhookSecrets>();
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddSingleton<WebhookEndpoints>();
        builder.Services.AddSingleton<ProviderCallbacks>();
        builder.Services.TryAddSingleton<Api.IdempotentRequests>();    // the housekeeping job prunes its keys on any host
        return builder;
    }

    /// <summary>The retention sweep and the webhook sender in the engine's clustered Quartz store.</summary>
    public static void ScheduleEventJobs(this IQuartzBuilder quartz, IHostApplicationBuilder builder)
    {
        var events = builder.Configuration.GetSection(EventLogOptions.Section).Get<EventLogOptions>() ?? new EventLogOptions();
        var webhooks = builder.Configuration.GetSection(WebhookOptions.Section).Get<WebhookOptions>() ?? new WebhookOptions();
        quartz.ScheduleJob<PurgeEventLogJob>(
            trigger => trigger.WithIdentity(PurgeEventLogJob.Name).StartNow()
                .WithSimpleSchedule(s => s.WithInterval(events.PurgeInterval).RepeatForever()),
            job => job.WithIdentity(PurgeEventLogJob.Name));
        quartz.ScheduleJob<DeliverWebhooksJob>(
            trigger => trigger.WithIdentity(DeliverWebhooksJob.Name).StartNow()
                .WithSimpleSchedule(s => s.WithInterval(webhooks.PollInterval).RepeatForever()),
            job => job.WithIdentity(DeliverWebhooksJob.Name));
    }
}
