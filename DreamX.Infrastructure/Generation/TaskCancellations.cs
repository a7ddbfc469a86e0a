using System.Collections.Concurrent;

namespace DreamX.Infrastructure.Generation;

/// <summary>The cancellation sources of the tasks running in this process, so a cancel (local or from another instance) reaches the running call.</summary>
public sealed class TaskCancellations
{
    private readonly ConcurrentDictionary<Guid, CancellationTokenSource> _running = new();

    /// <summary>A source linked to <paramref name="shutdown"/>, registered until the returned lease is disposed.</summary>
    public Lease Register(Guid taskId, CancellationToken shutdown)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(shutdown);
        _running[taskId] = source;
        return new Lease(this, taskId, source);
    }

    /// <summary>True when the task runs here and was told to stop.</summary>
    public bool Cancel(Guid taskId)
    {
        if (!_running.TryGetValue(taskId, out var source))
            return false;
        try
        {
            source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            return false;       // it finished in the meantime
        }
        return true;
    }

    public sealed class Lease(TaskCancellations owner, Guid taskId, CancellationTokenSource source) : IDisposable
    {
        public CancellationToken Token { get; } = source.Token;

        public void Dispose()
        {
            owner._running.TryRemove(new KeyValuePair<Guid, CancellationTokenSource>(taskId, source));
            source.Dispose();
        }
    }
}
