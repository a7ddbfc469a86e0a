using System.Text.Json;
using DreamX.Domain.Events;
using Microsoft.Extensions.Logging;

namespace DreamX.Infrastructure.Events;

/// <summary>
/// This instance's listeners to the event log's NOTIFY channel (every instance hears every event, whichever instance
/// stored it): the <see cref="Generation.TaskNotificationListener"/> hands each announced event to <see cref="Deliver"/>.
/// After the listener lost and regained its connection, <see cref="DeliverReconnected"/> tells every subscriber, which
/// re-reads what it missed from the log.
/// </summary>
public sealed class StudioEventHub(ILogger<StudioEventHub> logger)
{
    private readonly Lock _gate = new();
    private Subscription[] _subscriptions = [];

    public IDisposable Subscribe(EventScope scope, Action<StudioEvent> onEvent, Action onReconnected)
    {
        var subscription = new Subscription(this, scope, onEvent, onReconnected);
        lock (_gate)
            _subscriptions = [.. _subscriptions, subscription];
        return subscription;
    }

    internal int SubscriberCount => Volatile.Read(ref _subscriptions).Length;

    internal void Deliver(string payload)
    {
        StudioEvent? e;
        try
        {
            e = JsonSerializer.Deserialize<Announced>(payload, StudioEventLog.Json)?.ToEvent();
        }
        catch (JsonException exception)
        {
            logger.LogWarning(exception, "Ignoring a malformed event notification");
            return;
        }
        if (e is null)
            return;
        foreach (var subscription in Volatile.Read(ref _subscriptions))
        {
            if (subscription.Scope.Matches(e))
                subscription.OnEvent(e);
        }
    }

    internal void DeliverReconnected()
    {
        foreach (var subscription in Volatile.Read(ref _subscriptions))
            subscription.OnReconnected();
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate)
            _subscriptions = _subscriptions.Where(s => !ReferenceEquals(s, subscription)).ToArray();
    }

    private sealed record Announced(long Id, DateTimeOffset CreatedAt, string UserId, Guid? ProjectId, Guid? TaskId, string Type, string Payload)
    {
        public StudioEvent ToEvent() => new()
        {
            Id = Id, CreatedAt = CreatedAt, UserId = UserId, ProjectId = ProjectId, TaskId = TaskId, Type = Type, Payload = Payload,
        };
    }

    private sealed class Subscription(StudioEventHub hub, EventScope scope, Action<StudioEvent> onEvent, Action onReconnected) : IDisposable
    {
        public EventScope Scope { get; } = scope;
        public Action<StudioEvent> OnEvent { get; } = onEvent;
        public Action OnReconnected { get; } = onReconnected;

        public void Dispose() => hub.Remove(this);
    }
}
