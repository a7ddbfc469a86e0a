using DreamX.Infrastructure.Events;
using DreamX.Infrastructure.Generation;
using DreamX.Infrastructure.Persistence;
using DreamX.Infrastructure.Subscriptions;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace DreamX.Infrastructure.Jobs;

internal static class EngineScheduling
{
    /// <summary>
    /// Quartz on our PostgreSQL (tables from the QuartzJobStore migration), clustered with a generated instance id,
    /// so every instance shares the queue and a dead instance's firings are recovered by the others.
    /// </summary>
    public static void AddEngineScheduler(this IHostApplicationBuilder builder, string connectionString, EngineOptions options)
    {
        builder.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(scheduler =>
            {
                scheduler.InstanceName = options.SchedulerName;
                scheduler.GenerateInstanceId = true;
                scheduler.IdleWaitTime = options.IdleWaitTime;
                // Take as many due tasks per round as there are free threads, not one per database round trip.
                scheduler.MaxBatchSize = options.MaxConcurrency;
            });
            quartz.UseDefaultThreadPool(options.MaxConcurrency);
            quartz.UsePersistentStore(store =>
            {
                store.UsePostgres(connectionString);
                store.UseSystemTextJsonSerializer();
                store.UseClustering(cluster =>
                {
                    cluster.CheckinInterval = options.ClusterCheckinInterval;
                    cluster.CheckinMisfireThreshold = options.ClusterCheckinMisfireThreshold;
                });
                store.ConfigureStore(jobStore =>
                {
                    jobStore.TablePrefix = QuartzSchema.TablePrefix;
                    jobStore.MisfireThreshold = options.MisfireThreshold;
                    jobStore.RecoverFiringsCancelledByShutdown = true;
                });
            });
            quartz.ScheduleJob<SweepGenerationTasksJob>(
                trigger => trigger.WithIdentity(SweepGenerationTasksJob.Name).StartNow()
                    .WithSimpleSchedule(s => s.WithInterval(options.SweepInterval).RepeatForever()),
                job => job.WithIdentity(SweepGenerationTasksJob.Name));
            quartz.ScheduleRenewal(builder);
            quartz.ScheduleEventJobs(builder);
        });

        if (options.RunScheduler)
            builder.AddQuartzHostedService(hosted => hosted.WaitForJobsToComplete = true);
    }
}
