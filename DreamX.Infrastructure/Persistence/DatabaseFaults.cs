using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DreamX.Infrastructure.Persistence;

/// <summary>
/// Database failures that pass by themselves (the server restarting, a dropped connection, a full server) and the
/// retry with backoff that rides them out; anything else (a constraint, a bad query) is not retried.
/// </summary>
public static class DatabaseFaults
{
    /// <summary>True when <paramref name="exception"/> (or one it wraps) is a transient database failure.</summary>
    public static bool IsTransient(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException postgres:
                    // 08: connection; 53: insufficient resources (too many clients); 57P0x: shutdown, crash, starting up;
                    // 40001/40P01: serialization failure, deadlock.
                    return postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                           || postgres.SqlState.StartsWith("53", StringComparison.Ordinal)
                           || postgres.SqlState.StartsWith("57P0", StringComparison.Ordinal)
                           || postgres.SqlState is "40001" or "40P01"
                           || postgres.IsTransient;
                case NpgsqlException { IsTransient: true }:
                case SocketException:
                case EndOfStreamException:
                    return true;
                case NpgsqlException npgsql when npgsql.InnerException is IOException or TimeoutException:
                    return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Runs <paramref name="action"/>, retrying transient failures with exponential backoff (with jitter, at most
    /// <paramref name="maxDelay"/> apart) for up to <paramref name="window"/>; then the last failure is thrown.
    /// </summary>
    public static async Task<T> RetryAsync<T>(
        Func<CancellationToken, Task<T>> action, TimeSpan window, ILogger logger, string what, CancellationToken cancellationToken,
        TimeSpan? maxDelay = null)
    {
        var deadline = DateTime.UtcNow + window;
        var delay = TimeSpan.FromMilliseconds(200);
        var longest = maxDelay ?? TimeSpan.FromSeconds(5);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await action(cancellationToken);
            }
            catch (Exception exception) when (IsTransient(exception) && DateTime.UtcNow + delay < deadline && !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("The database failed while {What} (attempt {Attempt}), retrying in {Delay:0.0} s: {Error}",
                    what, attempt, delay.TotalSeconds, exception.GetBaseException().Message);
                await Task.Delay(delay * (0.75 + Random.Shared.NextDouble() / 2), cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, longest.Ticks));
            }
        }
    }

    public static Task RetryAsync(
        Func<CancellationToken, Task> action, TimeSpan window, ILogger logger, string what, CancellationToken cancellationToken) =>
        RetryAsync(async token =>
        {
            await action(token);
            return true;
        }, window, logger, what, cancellationToken);
}
