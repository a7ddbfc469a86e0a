namespace DreamX.Infrastructure.Generation;

/// <summary>Why a task failed, in words a creator can act on; the UI shows each in the reader's language.</summary>
public enum TaskFailureReason
{
    /// <summary>Nothing more specific is known: try again.</summary>
    Unknown,
    TimedOut,
    ProviderBusy,
    ProviderUnavailable,
    UnusableAnswer,
    InputFailed,
    InputChanged,
    MediaMissing,
    RenderFailed,
    Cancelled,

    /// <summary>A video provider refused or could not make the clip, or what it made is unusable (expired link, not a video, wrong length).</summary>
    VideoRejected,
}

/// <summary>
/// Reads a task's stored error (written for the log and the admin's task view) into a <see cref="TaskFailureReason"/>.
/// The error stays where it is; only the reason reaches a creator.
/// </summary>
public static class TaskFailureReasons
{
    private static readonly (TaskFailureReason Reason, string[] Signs)[] Rules =
    [
        (TaskFailureReason.InputFailed, ["waiting on "]),
        (TaskFailureReason.VideoRejected, ["could not make the clip", "clip's download", "clip is empty", "is not a video", "has no video stream",
            "cannot be read as a video", "that were asked for", "job was cancelled before", "did not finish the clip"]),
        (TaskFailureReason.Cancelled, ["was cancelled", "canceled"]),
        (TaskFailureReason.TimedOut, ["timed out", "timeout"]),
        (TaskFailureReason.ProviderBusy, ["429", "too many requests", "rate limit", "quota"]),
        (TaskFailureReason.ProviderUnavailable, ["500", "502", "503", "504", "unavailable", "circuit", "connection", "refused", "no such host", "unauthorized", "401", "403"]),
        (TaskFailureReason.MediaMissing, ["file is missing"]),
        (TaskFailureReason.InputChanged, ["no longer exists", "is missing", "inputs cannot be read"]),
        (TaskFailureReason.RenderFailed, ["ffmpeg", "ffprobe", "render", "compose", "encode"]),
        (TaskFailureReason.UnusableAnswer, ["does not fit", "json", "schema", "cannot be read", "is empty", "share a key", "invalid", "decod", "silent", "too small", "parse", "answer"]),
    ];

    public static TaskFailureReason Classify(string? error)
    {
        if (string.IsNullOrWhiteSpace(error))
            return TaskFailureReason.Unknown;
        foreach (var (reason, signs) in Rules)
        {
            if (signs.Any(sign => error.Contains(sign, StringComparison.OrdinalIgnoreCase)))
                return reason;
        }
        return TaskFailureReason.Unknown;
    }
}
