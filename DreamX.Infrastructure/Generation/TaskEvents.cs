using DreamX.Domain.Generation;

namespace DreamX.Infrastructure.Generation;

/// <summary>Publishes a task's current state on the progress bus.</summary>
public sealed class TaskEvents(ITaskProgressBus bus)
{
    public Task PublishAsync(GenerationTask task, GenerationTaskStatus status, int percent, string? message, CancellationToken cancellationToken = default) =>
        bus.PublishAsync(new TaskProgress(task.ProjectId, task.Id, task.OwnerId, status, percent, message, task.TargetKind, task.TargetId), cancellationToken);
}
