using DreamX.Domain.Generation;
using DreamX.Infrastructure.Events;

namespace DreamX.Infrastructure.Generation;

/// <summary>Publishes a task's current state on the progress bus and records it in the event log (progress coalesced).</summary>
public sealed class TaskEvents(ITaskProgressBus bus, IEnumerable<ITaskStateObserver> observers, TaskEventRecorder recorder)
{
    public async Task PublishAsync(GenerationTask task, GenerationTaskStatus status, int percent, string? message, CancellationToken cancellationToken = default)
    {
        // Progress reports repeat Running with a percentage; only the start of a run is a change of state.
        if (status != GenerationTaskStatus.Running || percent == 0)
        {
            foreach (var observer in observers)
                await observer.OnTaskStateAsync(task, status, message, cancellationToken);
        }
        await recorder.RecordAsync(task, status, percent, message, cancellationToken);
        await bus.PublishAsync(new TaskProgress(task.ProjectId, task.Id, task.OwnerId, status, percent, message, task.TargetKind, task.TargetId), cancellationToken);
    }
}
