namespace DreamX.Domain.Generation;

/// <summary>
/// Port: task progress from whichever instance runs the task to every subscriber on every instance.
/// Subscriptions return an <see cref="IDisposable"/>; disposing it stops the handler (a closed circuit must dispose).
/// </summary>
public interface ITaskProgressBus
{
    Task PublishAsync(TaskProgress progress, CancellationToken cancellationToken = default);

    /// <summary>Everything about one project's tasks (the project page, the SSE stream).</summary>
    IDisposable SubscribeProject(Guid projectId, Func<TaskProgress, Task> handler);

    /// <summary>Everything about one user's tasks (the task center).</summary>
    IDisposable SubscribeUser(string userId, Func<TaskProgress, Task> handler);

    /// <summary>
    /// Called when the bus is back after losing its connection (a database restart): what was published meanwhile
    /// never arrived, so a live page reads its state afresh.
    /// </summary>
    IDisposable SubscribeReconnected(Func<Task> handler);

    /// <summary>
    /// Called when the bus has lost its connection (a database outage): nothing published arrives until it is back, so a
    /// live page says it is reconnecting. Buses that cannot lose a connection never call it.
    /// </summary>
    IDisposable SubscribeDisconnected(Func<Task> handler) => NoSubscription.Instance;

    private sealed class NoSubscription : IDisposable
    {
        public static readonly NoSubscription Instance = new();

        public void Dispose()
        {
        }
    }
}
