using System.Text.Json;
using DreamX.Domain.Generation;
using DreamX.Infrastructure.Events;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DreamX.Infrastructure.Generation;

/// <summary>
/// Holds one dedicated connection that LISTENs to the engine's channels and turns notifications into local
/// deliveries (progress to subscribers, cancel to the running task). Reconnects after a lost connection.
/// </summary>
public sealed class TaskNotificationListener(
    TaskNotifications notifications,
    TaskProgressBus bus,
    TaskCancellations cancellations,
    TaskWakeups wakeups,
    StudioEventHub events,
    ILogger<TaskNotificationListener> logger) : BackgroundService
{
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _up;

    /// <summary>Completes once the first LISTEN is in place (tests wait on it so nothing published is missed).</summary>
    public Task Listening => _listening.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retryDelay = TimeSpan.FromMilliseconds(250);
        var lost = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken, reconnected: lost);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                if (_up)
                {
                    // Live pages say they are reconnecting until the bus is back (and they have read their state again).
                    _up = false;
                    await bus.DeliverDisconnected();
                }
                lost = true;
                logger.LogWarning(exception, "Task notifications lost their connection; reconnecting in {Delay}", retryDelay);
                await Task.Delay(retryDelay, stoppingToken);
                retryDelay = TimeSpan.FromTicks(Math.Min(retryDelay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
    }

    private async Task ListenAsync(CancellationToken stoppingToken, bool reconnected)
    {
        await using var connection = await notifications.DataSource.OpenConnectionAsync(stoppingToken);
        var pending = new List<NpgsqlNotificationEventArgs>();
        connection.Notification += (_, notification) => pending.Add(notification);
        await using (var listen = new NpgsqlCommand($"LISTEN {TaskNotifications.ProgressChannel}; LISTEN {TaskNotifications.CancelChannel}; LISTEN {TaskNotifications.WakeChannel}; LISTEN {StudioEventLog.Channel}", connection))
            await listen.ExecuteNonQueryAsync(stoppingToken);
        _listening.TrySetResult();
        _up = true;
        if (reconnected)
        {
            logger.LogInformation("Task notifications are listening again; live pages re-read their state");
            await bus.DeliverReconnected();
            events.DeliverReconnected();
        }

        while (true)
        {
            await connection.WaitAsync(stoppingToken);
            // Notifications are raised synchronously inside WaitAsync; deliver them after it returns.
            foreach (var notification in pending)
                await DispatchAsync(notification);
            pending.Clear();
        }
    }

    private async Task DispatchAsync(NpgsqlNotificationEventArgs notification)
    {
        try
        {
            if (notification.Channel == TaskNotifications.CancelChannel)
            {
                if (Guid.TryParse(notification.Payload, out var taskId))
                    cancellations.Cancel(taskId);
                return;
            }
            if (notification.Channel == TaskNotifications.WakeChannel)
            {
                if (Guid.TryParse(notification.Payload, out var taskId))
                    wakeups.Wake(taskId);
                return;
            }
            if (notification.Channel == StudioEventLog.Channel)
            {
                events.Deliver(notification.Payload);
                return;
            }
            var progress = JsonSerializer.Deserialize<TaskProgress>(notification.Payload, TaskNotifications.Json);
            if (progress is not null)
                await bus.Deliver(progress);
        }
        catch (JsonException exception)
        {
            logger.LogWarning(exception, "Ignoring a malformed task notification");
        }
    }
}
