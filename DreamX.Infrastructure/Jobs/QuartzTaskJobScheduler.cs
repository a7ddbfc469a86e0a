using DreamX.Infrastructure.Generation;
using Quartz;

namespace DreamX.Infrastructure.Jobs;

/// <summary>One Quartz job per task, stored in the clustered job store so any instance may run it.</summary>
public sealed class QuartzTaskJobScheduler(ISchedulerFactory schedulers) : ITaskJobScheduler
{
    public async Task ScheduleAsync(Guid taskId, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        if (await scheduler.Exists(JobKeyOf(taskId), cancellationToken))
            return;     // already waiting to run (or running): the claim decides
        try
        {
            await scheduler.ScheduleJob(Job(taskId), Trigger(taskId), cancellationToken: cancellationToken);
        }
        catch (ObjectAlreadyExistsException)
        {
            // Another instance scheduled it a moment ago: one job is what we want.
        }
    }

    public async Task ScheduleNewAsync(IReadOnlyList<Guid> taskIds, CancellationToken cancellationToken = default)
    {
        if (taskIds.Count == 0)
            return;
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var jobs = taskIds.ToDictionary(Job, id => (IReadOnlyCollection<ITrigger>)[Trigger(id)]);
        try
        {
            await scheduler.ScheduleJobs(jobs, new ScheduleJobOptions(), cancellationToken);
        }
        catch (ObjectAlreadyExistsException)
        {
            // A finishing task or the sweeper filled a free slot with one of these first; nothing of the batch was
            // stored, so schedule them one by one, skipping those that have their job.
            foreach (var taskId in taskIds)
                await ScheduleAsync(taskId, cancellationToken);
        }
    }

    private static JobKey JobKeyOf(Guid taskId) => new(taskId.ToString("N"), RunGenerationTaskJob.Group);

    private static IJobDetail Job(Guid taskId) =>
        JobBuilder.Create<RunGenerationTaskJob>()
            .WithIdentity(JobKeyOf(taskId))
            .UsingJobData(RunGenerationTaskJob.TaskIdKey, taskId.ToString())
            // A crashed instance's firing is re-run by the instance that detects the crash.
            .RequestRecovery()
            .Build();

    private static ITrigger Trigger(Guid taskId) =>
        TriggerBuilder.Create()
            .WithIdentity(taskId.ToString("N"), RunGenerationTaskJob.Group)
            .ForJob(JobKeyOf(taskId))
            .StartNow()
            // A one-shot trigger that missed its time (every instance busy or down) must still run, once, as soon
            // as possible: "fire now" does exactly that, where the other instructions would drop or postpone it.
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();

    public async Task UnscheduleAsync(Guid taskId, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        try
        {
            await scheduler.DeleteJob(JobKeyOf(taskId), cancellationToken);
        }
        catch (SchedulerException)
        {
            // Its firing is under way: the job ends by itself, its claim or its final update sees the cancel.
        }
    }
}
