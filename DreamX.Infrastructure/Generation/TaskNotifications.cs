using System.Text.Json;
using DreamX.Domain.Generation;
using Npgsql;

namespace DreamX.Infrastructure.Generation;

/// <summary>
/// Sends the engine's cross-instance messages with PostgreSQL NOTIFY: progress for every watcher and
/// cancel requests for the instance running a task. <see cref="TaskNotificationListener"/> receives them.
/// </summary>
public sealed class TaskNotifications(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    public const string ProgressChannel = "dreamx_task_progress";
    public const string CancelChannel = "dreamx_task_cancel";
    public const string WakeChannel = "dreamx_task_wake";

    /// <summary>Connections of the notifications' own pool: the LISTEN connection and a few NOTIFYs at once.</summary>
    public const int MaxPoolSize = 4;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public NpgsqlDataSource DataSource => dataSource;

    public Task NotifyProgressAsync(TaskProgress progress, CancellationToken cancellationToken)
    {
        // NOTIFY payloads are limited to 8000 bytes: a long message is cut, the rest of the record is small.
        if (progress.Message is { Length: > 500 } message)
            progress = progress with { Message = message[..500] };
        return NotifyAsync(ProgressChannel, JsonSerializer.Serialize(progress, Json), cancellationToken);
    }

    public Task NotifyCancelAsync(Guid taskId, CancellationToken cancellationToken) =>
        NotifyAsync(CancelChannel, taskId.ToString("N"), cancellationToken);

    /// <summary>Wakes a task waiting on a remote job, wherever it runs (see <see cref="TaskWakeups"/>).</summary>
    public Task NotifyWakeAsync(Guid taskId, CancellationToken cancellationToken) =>
        NotifyAsync(WakeChannel, taskId.ToString("N"), cancellationToken);

    private async Task NotifyAsync(string channel, string payload, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT pg_notify(@channel, @payload)");
        command.Parameters.AddWithValue("channel", channel);
        command.Parameters.AddWithValue("payload", payload);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
