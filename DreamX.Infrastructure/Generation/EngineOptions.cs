using DreamX.Domain.Generation;

namespace DreamX.Infrastructure.Generation;

/// <summary>How the generation engine runs (section "Engine").</summary>
public sealed class EngineOptions
{
    public const string Section = "Engine";

    /// <summary>Run the Quartz scheduler in this process. Off: this process only queues; other instances run the tasks.</summary>
    public bool RunScheduler { get; set; } = true;

    /// <summary>The Quartz scheduler (cluster) name: instances with the same name share the work.</summary>
    public string SchedulerName { get; set; } = "DreamX";

    /// <summary>Tasks this instance runs at once.</summary>
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>
    /// How often an idle scheduler looks for new triggers. A task queued on another instance is only seen at the
    /// next look (a local one wakes the scheduler at once), so this bounds the cross-instance pickup delay. Quartz: at least 1 s.
    /// </summary>
    public TimeSpan IdleWaitTime { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan ClusterCheckinInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How late a check-in may be before the other instances declare this one dead and recover its tasks.</summary>
    public TimeSpan ClusterCheckinMisfireThreshold { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How late a trigger may fire before Quartz applies its misfire instruction.</summary>
    public TimeSpan MisfireThreshold { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>First retry delay of a transient provider failure; later retries double it (with jitter).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often one instance repairs what a crash left half-done (waiting tasks, held credits).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long a worker's claim on a running task holds without a heartbeat (the worker renews it every third of
    /// this). When it has passed, the sweeper puts the task back in the queue, so a task never stays Running without
    /// a live worker (a lost connection, a database outage at the wrong moment, a hung instance).
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a database step of a task (claim, progress, result, settlement) is retried through an outage.</summary>
    public TimeSpan DatabaseRetryWindow { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long a shutdown (SIGTERM) lets this instance's running tasks finish before it stops them and hands them back
    /// to the queue (never failed, their credits still held once). Keep it below the supervisor's kill timeout
    /// (./dreamx.sh waits 20 s, Kubernetes' terminationGracePeriodSeconds, Docker's stop_grace_period).
    /// </summary>
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan DefaultTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Overrides of <see cref="DefaultTimeout"/> per task type (whole task, retries included).</summary>
    public Dictionary<GenerationTaskType, TimeSpan> Timeouts { get; set; } = new()
    {
        [GenerationTaskType.ImproveIdea] = TimeSpan.FromMinutes(2),
        [GenerationTaskType.ComposePreview] = TimeSpan.FromMinutes(15),
        [GenerationTaskType.ComposeFinal] = TimeSpan.FromMinutes(30),
        [GenerationTaskType.ShotClip] = TimeSpan.FromMinutes(10),
        // A video's own limit is its model's (admin-set, counted from submission); this only bounds a stuck run.
        [GenerationTaskType.ShotVideo] = TimeSpan.FromHours(2),
    };

    public TimeSpan TimeoutFor(GenerationTaskType type) => Timeouts.TryGetValue(type, out var timeout) ? timeout : DefaultTimeout;
}
