using System.Runtime.CompilerServices;
using System.Threading.Channels;
using DreamX.Domain.Events;

namespace DreamX.Infrastructure.Events;

/// <summary>
/// One client's stream of events for a project or a task: first what the log holds after the client's last id, then
/// what is announced live, with no gap between the two and no event twice. Live events are taken from the NOTIFY
/// channel (so work done on another instance shows here) as wake-ups: each one reads the log after the last id sent,
/// which keeps the id order; when the channel was lost for a while the log is read again the same way. Appends commit in id order (<see cref="StudioEventLog"/>), so skipping ids at or below the
/// last one sent is enough to join the replay and the live feed.
/// </summary>
public sealed class EventStream(StudioEventLog log, StudioEventHub hub)
{
    private const int PageSize = 500;

    /// <summary>Live events held for a slow client; beyond this the stream reads the log again instead.</summary>
    private const int Backlog = 1000;

    /// <param name="afterId">The client's Last-Event-ID; null starts with the events from now on.</param>
    public async IAsyncEnumerable<StudioEvent> FollowAsync(EventScope scope, long? afterId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var signals = Channel.CreateBounded<Signal>(new BoundedChannelOptions(Backlog) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        var overflowed = 0;
        // Subscribe before reading the log: whatever commits after the read is announced to us. A client too slow to
        // take what is announced does not hold the listener up: what did not fit is read from the log later.
        using var subscription = hub.Subscribe(scope,
            e =>
            {
                if (!signals.Writer.TryWrite(new Signal(e)))
                    Volatile.Write(ref overflowed, 1);
            },
            () =>
            {
                if (!signals.Writer.TryWrite(new Signal(null)))
                    Volatile.Write(ref overflowed, 1);
            });

        var last = afterId ?? await log.LatestIdAsync(cancellationToken);
        var catchUp = afterId is not null;
        while (!cancellationToken.IsCancellationRequested)
        {
            if (catchUp)
            {
                catchUp = false;
                while (true)
                {
                    var page = await log.ReadAfterAsync(scope, last, PageSize, cancellationToken);
                    foreach (var e in page)
                    {
                        last = e.Id;
                        yield return e;
                    }
                    if (page.Count < PageSize)
                        break;
                }
            }

            var signal = await signals.Reader.ReadAsync(cancellationToken);
            if (Interlocked.Exchange(ref overflowed, 0) == 1)
            {
                catchUp = true;     // some announcements were dropped: they are in the log after the last id sent
                if (signal.Event is null || signal.Event.Id <= last)
                    continue;
            }
            if (signal.Event is null)
            {
                catchUp = true;     // the channel was lost: what was announced meanwhile is in the log
                continue;
            }
            if (signal.Event.Id <= last)
                continue;
            // An announcement is a wake-up, not the event to send: the log is read from the last id sent, so events
            // reach the client in id order even when their notifications arrive out of order (two instances, two
            // listener connections) or one was announced before this stream took its starting id.
            catchUp = true;
        }
    }

    private sealed record Signal(StudioEvent? Event);
}
