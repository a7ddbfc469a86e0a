using System.Collections.Concurrent;

namespace DreamX.Infrastructure.Generation;

/// <summary>
/// Lets a task that waits between polls of a remote job be woken early on this instance: a verified completion callback
/// (<see cref="TaskNotifications.NotifyWakeAsync"/> reaches every instance) ends the current wait so the task polls at
/// once instead of at its next turn. A wake that arrives while the task is busy polling is kept for its next wait.
/// </summary>
public sealed class TaskWakeups(TimeProvider time)
{
    private readonly ConcurrentDictionary<Guid, Watch> _watches = new();
    private readonly TimeProvider _time = time;

    /// <summary>Starts listening for wake-ups of <paramref name="taskId"/> until the returned watch is disposed.</summary>
    public Watch Listen(Guid taskId)
    {
        var watch = new Watch(this, taskId);
        _watches[taskId] = watch;
        return watch;
    }

    /// <summary>Wakes the task's current or next wait; false when no task of that id waits on this instance.</summary>
    public bool Wake(Guid taskId)
    {
        if (!_watches.TryGetValue(taskId, out var watch))
            return false;
        watch.Signal();
        return true;
    }

    /// <summary>One task's wake-ups.</summary>
    public sealed class Watch(TaskWakeups owner, Guid taskId) : IDisposable
    {
        private readonly SemaphoreSlim _signal = new(0, 1);

        /// <summary>Waits <paramref name="delay"/> or until woken; true when it was woken.</summary>
        public async Task<bool> DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var woken = _signal.WaitAsync(stop.Token);
            var timer = Task.Delay(delay, owner._time, stop.Token);
            var first = await Task.WhenAny(woken, timer);
            await stop.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
            // The signal may have been taken in the same instant the timer fired: it counts as a wake either way.
            return first == woken || woken.IsCompletedSuccessfully;
        }

        internal void Signal()
        {
            try
            {
                lock (_signal)
                {
                    if (_signal.CurrentCount == 0)
                        _signal.Release();
                }
            }
            catch (ObjectDisposedException)
            {
                // The task stopped waiting meanwhile: nothing to wake.
            }
        }

        public void Dispose()
        {
            owner._watches.TryRemove(new KeyValuePair<Guid, Watch>(taskId, this));
            _signal.Dispose();
        }
    }
}
