namespace DreamX.Domain.Generation;

/// <summary>How long a batch of tasks takes when a creator's tasks run a few at a time.</summary>
public static class WorkEstimate
{
    /// <summary>
    /// The wall-clock seconds for tasks of the given durations on <paramref name="lanes"/> parallel slots: each task,
    /// longest first, goes to the slot that frees up first (how the queue fills slots as tasks finish). Within 4/3 of
    /// the best possible order, which is plenty for an "about 3 min" shown before confirming.
    /// </summary>
    public static int Seconds(IEnumerable<int> taskSeconds, int lanes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lanes, 1);
        var slots = new PriorityQueue<int, int>();
        for (var i = 0; i < lanes; i++)
            slots.Enqueue(0, 0);
        var end = 0;
        foreach (var seconds in taskSeconds.Select(s => Math.Max(0, s)).OrderDescending())
        {
            var free = slots.Dequeue() + seconds;
            slots.Enqueue(free, free);
            end = Math.Max(end, free);
        }
        return end;
    }
}
