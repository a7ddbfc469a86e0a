using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DreamX.Infrastructure.Generation;

/// <summary>
/// How this instance's running tasks meet a shutdown (SIGTERM, a deploy): they get <see cref="EngineOptions.ShutdownGrace"/>
/// to finish, then <see cref="HandBack"/> fires and each still running is stopped through its cancellation token (its
/// ffmpeg or espeak-ng killed by the token, never by the signal) and put back in the queue, to run again from its start
/// on a live instance or after the restart. A handed-back task is neither failed nor charged; its hold stays as it is.
/// </summary>
public sealed class EngineShutdown : IDisposable
{
    private readonly CancellationTokenSource _handBack = new();
    private readonly CancellationTokenRegistration _stopping;

    public EngineShutdown(IHostApplicationLifetime lifetime, IOptions<EngineOptions> options)
    {
        Stopping = lifetime.ApplicationStopping;
        var grace = options.Value.ShutdownGrace;
        _stopping = Stopping.Register(() =>
        {
            try
            {
                _handBack.CancelAfter(grace);
            }
            catch (ObjectDisposedException)
            {
                // The host is already gone.
            }
        });
    }

    /// <summary>The instance has begun to stop: a failure now may be the signal's doing, not the task's.</summary>
    public CancellationToken Stopping { get; }

    /// <summary>The grace is over: running tasks stop and go back to the queue.</summary>
    public CancellationToken HandBack => _handBack.Token;

    public void Dispose()
    {
        _stopping.Dispose();
        _handBack.Dispose();
    }
}
