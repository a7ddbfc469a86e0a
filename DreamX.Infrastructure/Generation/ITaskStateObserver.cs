using DreamX.Domain.Generation;

namespace DreamX.Infrastructure.Generation;

/// <summary>
/// Told on the instance where a task's state changes (queued, started, failed, cancelled, succeeded), before the change
/// is broadcast; the production module uses it to show the state on the task's node.
/// </summary>
public interface ITaskStateObserver
{
    Task OnTaskStateAsync(GenerationTask task, GenerationTaskStatus status, string? message, CancellationToken cancellationToken);
}
