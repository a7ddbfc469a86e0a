using DreamX.Infrastructure.Generation;
using Quartz;

namespace DreamX.Infrastructure.Jobs;

/// <summary>One Quartz job per task, stored in the clustered job store so any instance may run it.</summary>
public sealed class QuartzTaskJobScheduler(ISchedulerFactory schedulers) : ITaskJobScheduler
{
    public async Task ScheduleAsync(Guid taskId, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var job = JobBuilder.Create<RunGenerationTaskJob>()
            .WithIdentity(taskId.ToString("N"), RunGenerationTaskJob.Group)
            .UsingJobData(RunGenerationTaskJob.TaskIdKey, taskId.ToString())
            // A crashed instance's firing is re-run by the instance that detects the crash.
            .RequestRecovery()
            .Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity(taskId.ToString("N"), RunGenerationTaskJob.Group)
            .StartNow()
            // A one-shot trigger that missed its time (every instance busy or down) must still run, once, as soon
            // as possible: "fire now" does exactly that, where the other instructions would drop or postpone it.
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.ScheduleJob(job, trigger, cancellationToken: cancellationToken);
    }

    public async Task UnscheduleAsync(Guid taskId, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        try
        {
            await scheduler.DeleteJob(new JobKey(taskId.ToString("N"), RunGenerationTaskJob.Group), cancellationToken);
        }
        catch (SchedulerException)
        {
            // Its firing is under way: the job ends by itself, its claim or its final update sees the cancel.
        }
    }
}
