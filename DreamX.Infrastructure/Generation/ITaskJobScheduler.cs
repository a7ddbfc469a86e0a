namespace DreamX.Infrastructure.Generation;

/// <summary>Hands a queued task to the job scheduler (Quartz) so one of the instances runs it.</summary>
public interface ITaskJobScheduler
{
    /// <summary>Schedules the task's job unless it already has one.</summary>
    Task ScheduleAsync(Guid taskId, CancellationToken cancellationToken = default);

    /// <summary>Schedules the jobs of tasks just written (they cannot have one yet), in one round trip.</summary>
    Task ScheduleNewAsync(IReadOnlyList<Guid> taskIds, CancellationToken cancellationToken = default);

    /// <summary>Drops a task's job if it has not started (cancel); a running job stops through its token.</summary>
    Task UnscheduleAsync(Guid taskId, CancellationToken cancellationToken = default);
}
