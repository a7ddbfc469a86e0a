namespace DreamX.Infrastructure.Events;

/// <summary>The event log ("Events"): how long events are kept, how often progress is written, the SSE heartbeat.</summary>
public sealed class EventLogOptions
{
    public const string Section = "Events";

    /// <summary>How long events stay replayable with Last-Event-ID.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>At most one stored progress event per task per this interval (the latest wins; state changes always go).</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often the retention sweep runs.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>An SSE comment line sent when nothing else was, so proxies and clients see the stream alive.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);
}
