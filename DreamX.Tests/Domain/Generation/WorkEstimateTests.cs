using DreamX.Domain.Generation;

namespace DreamX.Tests.Domain.Generation;

public sealed class WorkEstimateTests
{
    [Fact]
    public void One_slot_takes_the_sum()
    {
        Assert.Equal(35, WorkEstimate.Seconds([5, 10, 20], lanes: 1));
    }

    [Fact]
    public void Equal_tasks_on_several_slots_take_one_round_per_slot_full()
    {
        Assert.Equal(15, WorkEstimate.Seconds(Enumerable.Repeat(5, 12), lanes: 4));
        Assert.Equal(20, WorkEstimate.Seconds(Enumerable.Repeat(5, 13), lanes: 4));
    }

    [Fact]
    public void The_longest_task_is_the_floor_however_many_slots()
    {
        Assert.Equal(60, WorkEstimate.Seconds([60, 5, 5, 5], lanes: 8));
    }

    [Fact]
    public void Long_tasks_are_spread_first()
    {
        // Longest first: 20 | 20 | 5+5+5+5 → 20, where the given order (5,5,5,5,20,20) on 3 slots would end at 25.
        Assert.Equal(20, WorkEstimate.Seconds([5, 5, 5, 5, 20, 20], lanes: 3));
    }

    [Fact]
    public void Nothing_to_do_takes_no_time_and_a_slot_count_below_one_is_refused()
    {
        Assert.Equal(0, WorkEstimate.Seconds([], lanes: 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => WorkEstimate.Seconds([5], lanes: 0));
    }
}
