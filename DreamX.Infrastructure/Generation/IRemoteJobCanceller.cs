namespace DreamX.Infrastructure.Generation;

/// <summary>
/// Stops the provider-side job a cancelled task held (a video job), wherever the task was running: called by the
/// cancel itself, after the task's row says Cancelled. Implementations never throw.
/// </summary>
public interface IRemoteJobCanceller
{
    Task CancelRemoteAsync(string provider, string jobId, CancellationToken cancellationToken);
}
