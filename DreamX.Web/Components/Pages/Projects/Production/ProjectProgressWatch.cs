using DreamX.Domain.Canvas;
using DreamX.Domain.Generation;

namespace DreamX.Web.Components.Pages.Projects.Production;

/// <summary>
/// Watches one project's task progress on the bus (from any tab or app instance) and calls <c>reload</c> at most once
/// per tick, so a stage of 20 shots reporting at once costs one reload. Keeps the latest progress of unfinished tasks.
/// </summary>
public sealed class ProjectProgressWatch : IDisposable
{
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromMilliseconds(400);

    private readonly Dictionary<Guid, TaskProgress> _running = [];
    private readonly IDisposable _subscription;
    private readonly PeriodicTimer _timer = new(RefreshEvery);
    private readonly Func<Task> _reload;
    private volatile bool _dirty;

    private ProjectProgressWatch(ITaskProgressBus bus, Guid projectId, Func<Task> reload)
    {
        _reload = reload;
        _subscription = bus.SubscribeProject(projectId, OnProgress);
        _ = LoopAsync();
    }

    /// <param name="reload">Runs on the timer's thread: wrap UI work in the component's InvokeAsync.</param>
    public static ProjectProgressWatch Start(ITaskProgressBus bus, Guid projectId, Func<Task> reload) => new(bus, projectId, reload);

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

    private async Task LoopAsync()
    {
        try
        {
            while (await _timer.WaitForNextTickAsync())
            {
                if (!_dirty)
                    continue;
                _dirty = false;
                await _reload();
            }
        }
        catch (ObjectDisposedException)
        {
            // The circuit went away while a reload was pending.
        }
    }

    public void Dispose()
    {
        _subscription.Dispose();
        _timer.Dispose();
    }
}
