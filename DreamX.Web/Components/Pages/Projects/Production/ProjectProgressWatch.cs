using DreamX.Domain.Canvas;
using DreamX.Domain.Generation;

namespace DreamX.Web.Components.Pages.Projects.Production;

/// <summary>
/// Watches one project's task progress on the bus (from any tab or app instance) and calls <c>reload</c> at most once
/// per tick, so a stage of 20 shots reporting at once costs one reload. Keeps the latest progress of unfinished tasks.
/// A reload that fails (the database restarting, the network away) does not end the watch: it is retried with a
/// growing pause while <see cref="Reconnecting"/> is true, and once one succeeds the page is whole again. When the
/// bus itself comes back after losing its connection, the events of the gap are lost, so the page reloads in full.
/// </summary>
public sealed class ProjectProgressWatch : IDisposable
{
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromMilliseconds(400);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(15);

    private readonly Dictionary<Guid, TaskProgress> _running = [];
    private readonly IDisposable _subscription;
    private readonly IDisposable _reconnects;
    private readonly PeriodicTimer _timer = new(RefreshEvery);
    private readonly Func<Task> _reload;
    private readonly Func<Task>? _healthChanged;
    private volatile bool _dirty;
    private volatile bool _disposed;
    private int _failures;
    private DateTime _retryAt;

    private ProjectProgressWatch(ITaskProgressBus bus, Guid projectId, Func<Task> reload, Func<Task>? healthChanged)
    {
        _reload = reload;
        _healthChanged = healthChanged;
        _subscription = bus.SubscribeProject(projectId, OnProgress);
        _reconnects = bus.SubscribeReconnected(OnReconnected);
        _ = LoopAsync();
    }

    /// <param name="reload">Runs on the timer's thread: wrap UI work in the component's InvokeAsync.</param>
    /// <param name="healthChanged">Called when <see cref="Reconnecting"/> changes (wrap UI work in InvokeAsync too).</param>
    public static ProjectProgressWatch Start(ITaskProgressBus bus, Guid projectId, Func<Task> reload, Func<Task>? healthChanged = null) =>
        new(bus, projectId, reload, healthChanged);

    /// <summary>True from a failed reload until one succeeds: the page shows a small "reconnecting" state meanwhile.</summary>
    public bool Reconnecting { get; private set; }

    /// <summary>Unfinished tasks' latest progress.</summary>
    public IReadOnlyList<TaskProgress> Running
    {
        get
        {
            lock (_running)
                return _running.Values.ToList();
        }
    }

    /// <summary>Average percent of unfinished tasks of these node kinds (5 while none reported yet).</summary>
    public double PercentOf(IReadOnlyCollection<NodeKind> kinds)
    {
        var mine = Running.Where(p => kinds.Contains(p.NodeKind)).ToList();
        return mine.Count == 0 ? 5 : mine.Average(p => p.Percent);
    }

    private Task OnProgress(TaskProgress progress)
    {
        lock (_running)
        {
            if (progress.Status is GenerationTaskStatus.Running or GenerationTaskStatus.Queued or GenerationTaskStatus.Blocked)
                _running[progress.TaskId] = progress;
            else
                _running.Remove(progress.TaskId);
        }
        _dirty = true;
        return Task.CompletedTask;
    }

    private Task OnReconnected()
    {
        _dirty = true;
        return Task.CompletedTask;
    }

    /// <summary>Reads the page afresh now (e.g. after an action), with the same failure handling as a live reload.</summary>
    public void RequestReload() => _dirty = true;

    private async Task LoopAsync()
    {
        try
        {
            while (await _timer.WaitForNextTickAsync())
            {
                if (!_dirty || DateTime.UtcNow < _retryAt)
                    continue;
                _dirty = false;
                try
                {
                    await _reload();
                }
                catch (Exception) when (!_disposed)
                {
                    // Try again after a pause that doubles up to LongestPause; whatever changed meanwhile is read then.
                    _dirty = true;
                    _failures++;
                    _retryAt = DateTime.UtcNow + TimeSpan.FromTicks(Math.Min(RefreshEvery.Ticks << Math.Min(_failures, 10), LongestPause.Ticks));
                    await SetReconnectingAsync(true);
                    continue;
                }
                _failures = 0;
                _retryAt = default;
                await SetReconnectingAsync(false);
            }
        }
        catch (ObjectDisposedException)
        {
            // The circuit went away while a reload was pending.
        }
        catch (Exception) when (_disposed)
        {
            // The circuit went away during a reload.
        }
    }

    private async Task SetReconnectingAsync(bool reconnecting)
    {
        if (Reconnecting == reconnecting)
            return;
        Reconnecting = reconnecting;
        if (_healthChanged is null || _disposed)
            return;
        try
        {
            await _healthChanged();
        }
        catch (Exception)
        {
            // A render that could not happen now; the state shows at the page's next render.
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _subscription.Dispose();
        _reconnects.Dispose();
        _timer.Dispose();
    }
}
