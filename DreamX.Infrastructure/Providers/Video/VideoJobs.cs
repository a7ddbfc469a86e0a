using DreamX.Domain.Generation;
using DreamX.Domain.Generation.Providers;
using DreamX.Infrastructure.Generation;
using DreamX.Infrastructure.Providers.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DreamX.Infrastructure.Providers.Video;

/// <summary>How video jobs are polled ("Providers:Video").</summary>
public sealed class VideoPollingOptions
{
    public const string Section = "Providers:Video";

    /// <summary>The wait before the first poll; each later wait is <see cref="Backoff"/> times longer, up to <see cref="MaxPollDelay"/>.</summary>
    public TimeSpan FirstPollDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxPollDelay { get; set; } = TimeSpan.FromSeconds(15);

    public double Backoff { get; set; } = 1.5;

    /// <summary>The longest Retry-After obeyed as asked (a longer one is cut to this).</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(2);
}

/// <summary>A job a task already holds at its provider (recorded on the task row).</summary>
public sealed record HeldVideoJob(string Provider, string JobId, DateTimeOffset SubmittedAt);

/// <summary>What a video task needs from its run: the held job if any, the request per provider, and where to record and report.</summary>
public sealed class VideoRun
{
    /// <summary>The task the clip is for: a verified completion callback for its job wakes it (<see cref="TaskWakeups"/>).</summary>
    public Guid TaskId { get; init; }

    public HeldVideoJob? Held { get; init; }

    /// <summary>The request fitted to a provider's model (lengths, ratio, resolution).</summary>
    public required Func<IVideoProvider, VideoRequest> RequestFor { get; init; }

    /// <summary>
    /// Writes the job onto the task as soon as the provider returned it. False: the task is no longer running (it was
    /// cancelled meanwhile), so the job is cancelled at once and nothing is kept.
    /// </summary>
    public required Func<VideoJob, Task<bool>> RecordAsync { get; init; }

    public required Func<int, string, Task> ReportAsync { get; init; }
}

/// <summary>A finished clip, checked, with who made it and the length that was asked for.</summary>
public sealed record VideoOutcome(VideoClip Clip, VideoMeasure Measure, string Provider, string Model, bool IsFallback, int Seconds, string JobId);

/// <summary>
/// Runs one clip through a video provider: submits through the router (failover and the built-in camera move where the
/// admin allows it) unless the task already holds a job, in which case it only polls that job, never submitting twice.
/// A verified completion callback wakes the wait early. Polls back off from <see cref="VideoPollingOptions.FirstPollDelay"/> to <see cref="VideoPollingOptions.MaxPollDelay"/>,
/// obey Retry-After, ride out transient errors, report the provider's percentage and stop at the model's timeout
/// (cancelling the job). The clip is downloaded through the outbound guard and checked (container, video stream, length).
/// </summary>
public sealed class VideoJobs(
    ProviderRouter router,
    ProviderCatalog catalog,
    TaskWakeups wakeups,
    IOptions<VideoPollingOptions> options,
    TimeProvider time,
    ILogger<VideoJobs> logger) : IRemoteJobCanceller
{
    public async Task<VideoOutcome> RunAsync(VideoRun run, CancellationToken cancellationToken)
    {
        IVideoProvider provider;
        string jobId;
        DateTimeOffset submittedAt;
        var fallback = false;
        if (run.Held is { } held)
        {
            provider = await catalog.VideoProviderByNameAsync(held.Provider, cancellationToken)
                ?? throw new ProviderFailure(held.Provider, $"The video provider '{held.Provider}' that holds this clip's job is no longer configured.", isTransient: false);
            (jobId, submittedAt) = (held.JobId, held.SubmittedAt);
            await run.ReportAsync(10, "resuming the provider's job");
            logger.LogInformation("Resuming video job {JobId} at {Provider}", jobId, provider.Name);
        }
        else
        {
            await run.ReportAsync(5, "submitting");
            var routed = await router.RouteAsync<IVideoProvider, (IVideoProvider Provider, VideoJob Job)>(
                ProviderCapabilities.Video, GenerationTaskType.ShotVideo,
                async (p, ct) => (p, await p.SubmitAsync(run.RequestFor(p), ct)), cancellationToken);
            (provider, var job) = routed.Value;
            fallback = routed.IsFallback;
            if (job.Inline is { } inline)
                return await CheckedAsync(provider, inline, run.RequestFor(provider).Seconds, fallback, job.JobId, cancellationToken);
            if (!await run.RecordAsync(job))
            {
                await CancelQuietlyAsync(provider, job.JobId);
                throw new OperationCanceledException("The task was cancelled while its clip was being submitted.");
            }
            (jobId, submittedAt) = (job.JobId, time.GetUtcNow());
            await run.ReportAsync(10, "queued at " + provider.Name);
        }

        var settings = options.Value;
        var deadline = submittedAt + TimeSpan.FromMinutes(Math.Max(1, provider.Settings.TimeoutMinutes));
        var delay = settings.FirstPollDelay;
        // A completion callback for this job ends the wait between polls: the job is polled at once.
        using var watch = wakeups.Listen(run.TaskId);
        while (true)
        {
            var wait = delay;
            VideoJobStatus? status = null;
            try
            {
                status = await provider.PollAsync(jobId, cancellationToken);
            }
            catch (ProviderFailure failure) when (failure.IsTransient)
            {
                // A busy or briefly unreachable provider is asked again later; the model's timeout bounds the patience.
                wait = failure.RetryAfter ?? delay;
                await run.ReportAsync(15, $"{provider.Name} busy, asking again in {Seconds(wait)} s");
            }

            if (status is not null)
            {
                switch (status.State)
                {
                    case VideoJobState.Succeeded:
                        await run.ReportAsync(90, "downloading");
                        var clip = await provider.DownloadAsync(jobId, status, cancellationToken);
                        return await CheckedAsync(provider, clip, run.RequestFor(provider).Seconds, fallback, jobId, cancellationToken);
                    case VideoJobState.Failed:
                        throw new ProviderFailure(provider.Name, $"The provider could not make the clip: {status.Error}.", isTransient: false);
                    case VideoJobState.Cancelled:
                        throw new ProviderFailure(provider.Name, "The provider's job was cancelled before the clip was made.", isTransient: false);
                    default:
                        var percent = status.Progress is { } p ? 10 + p * 80 / 100 : 15;
                        await run.ReportAsync(percent, status.State == VideoJobState.Queued
                            ? $"queued at {provider.Name}"
                            : status.Progress is { } shown ? $"{provider.Name} rendering, {shown} %" : $"{provider.Name} rendering");
                        if (status.RetryAfter is { } asked)
                            wait = asked;
                        break;
                }
            }

            if (time.GetUtcNow() + wait > deadline)
            {
                await CancelQuietlyAsync(provider, jobId);
                throw new ProviderFailure(provider.Name,
                    $"The provider did not finish the clip within {provider.Settings.TimeoutMinutes} min (the model's time limit); its job was cancelled.", isTransient: false);
            }
            if (await watch.DelayAsync(wait > settings.MaxRetryAfter ? settings.MaxRetryAfter : wait, cancellationToken))
                logger.LogInformation("Video job {JobId} at {Provider}: a completion callback arrived, polling now", jobId, provider.Name);
            delay = TimeSpan.FromTicks(Math.Min(settings.MaxPollDelay.Ticks, (long)(delay.Ticks * Math.Max(1, settings.Backoff))));
        }
    }

    /// <summary>Cancels (or deletes) a task's remote job after the task was cancelled; never throws.</summary>
    public async Task CancelRemoteAsync(string provider, string jobId, CancellationToken cancellationToken)
    {
        var video = await catalog.VideoProviderByNameAsync(provider, cancellationToken);
        if (video is not null)
            await CancelQuietlyAsync(video, jobId);
    }

    private async Task<VideoOutcome> CheckedAsync(IVideoProvider provider, VideoClip clip, int seconds, bool fallback, string jobId, CancellationToken cancellationToken)
    {
        var (measure, problem) = await VideoCheck.CheckAsync(clip.Content, seconds, cancellationToken);
        if (problem is not null)
            throw new ProviderFailure(provider.Name, problem, isTransient: false);
        return new VideoOutcome(clip, measure!, provider.Name, provider.Model, fallback, seconds, jobId);
    }

    private async Task CancelQuietlyAsync(IVideoProvider provider, string jobId)
    {
        try
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await provider.CancelAsync(jobId, limit.Token);
            logger.LogInformation("Cancelled video job {JobId} at {Provider}", jobId, provider.Name);
        }
        catch (Exception exception) when (exception is ProviderFailure or OperationCanceledException)
        {
            logger.LogWarning("Video job {JobId} at {Provider} could not be cancelled: {Error}", jobId, provider.Name, exception.Message);
        }
    }

    private static string Seconds(TimeSpan wait) => Math.Ceiling(wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
