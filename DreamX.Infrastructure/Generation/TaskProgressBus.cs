using DreamX.Domain.Generation;
using Microsoft.Extensions.Logging;

namespace DreamX.Infrastructure.Generation;

/// <summary>
/// The progress bus: publishing goes through PostgreSQL NOTIFY (so every instance hears it, this one included);
/// <see cref="TaskNotificationListener"/> hands what arrives to <see cref="Deliver"/>, which calls this instance's subscribers.
/// </summary>
public sealed class TaskProgressBus(TaskNotifications notifications, ILogger<TaskProgressBus> logger) : ITaskProgressBus
{
    private readonly Lock _gate = new();
    private Subscription[] _subscriptions = [];

    public Task PublishAsync(TaskProgress progress, CancellationToken cancellationToken = default) =>
        notifications.NotifyProgressAsync(progress, cancellationToken);

    public IDisposable SubscribeProject(Guid projectId, Func<TaskProgress, Task> handler) =>
        Add(new Subscription(this, p => p.ProjectId == projectId, handler));

    public IDisposable SubscribeUser(string userId, Func<TaskProgress, Task> handler) =>
        Add(new Subscription(this, p => p.OwnerId == userId, handler));

    public IDisposable SubscribeReconnected(Func<Task> handler) =>
        Add(new Subscription(this, _ => false, _ => handler()) { OnReconnected = handler });

    public IDisposable SubscribeDisconnected(Func<Task> handler) =>
        Add(new Subscription(this, _ => false, _ => Task.CompletedTask) { OnDisconnected = handler });

    internal int SubscriberCount => Volatile.Read(ref _subscriptions).Length;

    /// <summary>Tells every reconnect subscriber that the bus is listening again after a lost connection.</summary>
    internal async Task DeliverReconnected()
    {
        foreach (var subscription in Volatile.Read(ref _subscriptions))
        {
            if (subscription.OnReconnected is not { } handler)
                continue;
            try
            {
                await handler();
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "A reconnect subscriber failed");
            }
        }
    }

    /// <summary>Tells every disconnect subscriber that the bus lost its connection (nothing arrives until it is back).</summary>
    internal async Task DeliverDisconnected()
    {
        foreach (var subscription in Volatile.Read(ref _subscriptions))
        {
            if (subscription.OnDisconnected is not { } handler)
                continue;
            try
            {
                await handler();
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "A disconnect subscriber failed");
            }
        }
    }

    /// <summary>Calls every matching subscriber; one failing handler does not stop the others.</summary>
    internal async Task Deliver(TaskProgress progress)
    {
        foreach (var subscription in Volatile.Read(ref _subscriptions))
        {
            if (!subscription.Matches(progress))
                continue;
            try
            {
                await subscription.Handler(progress);
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "A progress subscriber failed on task {TaskId}", progress.TaskId);
            }
        }
    }

    private Subscription Add(Subscription subscription)
    {
        lock (_gate)
            _subscriptions = [.. _subscriptions, subscription];
        return subscription;
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate)
            _subscriptions = _subscriptions.Where(s => !ReferenceEquals(s, subscription)).ToArray();
    }

    private sealed class Subscription(TaskProgressBus bus, Func<TaskProgress, bool> matches, Func<TaskProgress, Task> handler) : IDisposable
    {
        public Func<TaskProgress, Task> Handler { get; } = handler;

        public Func<Task>? OnReconnected { get; init; }

        public Func<Task>? OnDisconnected { get; init; }

        public bool Matches(TaskProgress progress) => matches(progress);

        public void Dispose() => bus.Remove(this);
    }
}
