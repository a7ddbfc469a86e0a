using System.Diagnostics.Metrics;
using DreamX.Domain.Generation;
using DreamX.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Infrastructure.Observability;

/// <summary>
/// The studio's own meters (meter <c>DreamX.Studio</c>), exported with the framework's through OpenTelemetry:
/// tasks finished by type and outcome with their run time, credits spent, open circuits, and the number of
/// tasks queued, running and blocked right now (read from the database, so every instance reports the same
/// cluster-wide figure; take the max across instances, not the sum).
/// </summary>
public sealed class StudioMetrics : IDisposable
{
    public const string MeterName = "DreamX.Studio";
    private static readonly TimeSpan CurrentTasksFreshness = TimeSpan.FromSeconds(10);

    private readonly Meter _meter;
    private readonly Counter<long> _tasksFinished;
    private readonly Histogram<double> _taskDuration;
    private readonly Counter<long> _creditsSpent;
    private readonly UpDownCounter<long> _circuits;
    private readonly IDbContextFactory<DreamXDbContext> _contexts;
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();
    private IReadOnlyList<Measurement<long>> _current = [];
    private DateTimeOffset _currentReadAt = DateTimeOffset.MinValue;

    public StudioMetrics(IMeterFactory meters, IDbContextFactory<DreamXDbContext> contexts, TimeProvider clock)
    {
        _contexts = contexts;
        _clock = clock;
        _meter = meters.Create(MeterName);
        _tasksFinished = _meter.CreateCounter<long>("dreamx.tasks.finished", "{task}", "Generation tasks that reached a final status on this instance.");
        _taskDuration = _meter.CreateHistogram<double>("dreamx.task.duration", "s", "From a task's start to its final status.");
        _creditsSpent = _meter.CreateCounter<long>("dreamx.credits.spent", "{credit}", "Credits charged for succeeded tasks.");
        _circuits = _meter.CreateUpDownCounter<long>("dreamx.circuits.active", "{circuit}", "Open Blazor circuits on this instance.");
        _meter.CreateObservableGauge("dreamx.tasks.current", ReadCurrentTasks, "{task}", "Tasks queued, running or blocked now, by type (cluster-wide).");
    }

    /// <summary>Records a task that reached its final status: outcome, run time, and the credits it cost.</summary>
    public void TaskFinished(GenerationTaskType type, GenerationTaskStatus status, TimeSpan? ran, int creditsCharged)
    {
        var typeTag = new KeyValuePair<string, object?>("type", type.ToString());
        _tasksFinished.Add(1, typeTag, new KeyValuePair<string, object?>("status", status.ToString()));
        if (ran is { } duration && duration >= TimeSpan.Zero)
            _taskDuration.Record(duration.TotalSeconds, typeTag, new KeyValuePair<string, object?>("status", status.ToString()));
        if (status == GenerationTaskStatus.Succeeded && creditsCharged > 0)
            _creditsSpent.Add(creditsCharged, typeTag);
    }

    public void CircuitOpened() => _circuits.Add(1);

    public void CircuitClosed() => _circuits.Add(-1);

    private IEnumerable<Measurement<long>> ReadCurrentTasks()
    {
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            if (now - _currentReadAt < CurrentTasksFreshness)
                return _current;
            try
            {
                using var db = _contexts.CreateDbContext();
                var open = new[] { GenerationTaskStatus.Queued, GenerationTaskStatus.Running, GenerationTaskStatus.Blocked };
                var rows = db.GenerationTasks.AsNoTracking()
                    .Where(t => open.Contains(t.Status))
                    .GroupBy(t => new { t.Type, t.Status })
                    .Select(g => new { g.Key.Type, g.Key.Status, Count = g.LongCount() })
                    .ToList();
                _current = rows.Select(r => new Measurement<long>(r.Count,
                    new KeyValuePair<string, object?>("type", r.Type.ToString()),
                    new KeyValuePair<string, object?>("status", r.Status.ToString()))).ToList();
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException or TimeoutException)
            {
                // A scrape during a database outage reports the last figures instead of failing the whole export.
            }
            _currentReadAt = now;
            return _current;
        }
    }

    public void Dispose() => _meter.Dispose();
}
