using DreamX.Infrastructure.Subscriptions;
using DreamX.Tests.Infrastructure.Generation;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Tests.Infrastructure.Subscriptions;

[Collection(EngineCollection.Name)]
public sealed class RenewalScheduleTests(EngineFixture engine)
{
    [Fact]
    public async Task The_renewal_is_a_recurring_trigger_in_the_clustered_job_store()
    {
        await using var db = engine.Database.CreateContext();

        var triggers = await db.Database.SqlQuery<string>($"""
            SELECT t.trigger_type AS "Value" FROM qrtz_triggers t
            JOIN qrtz_simple_triggers s ON s.sched_name = t.sched_name AND s.trigger_name = t.trigger_name AND s.trigger_group = t.trigger_group
            WHERE t.trigger_name = {RenewSubscriptionsJob.Name} AND s.repeat_count = -1
            """).ToListAsync();

        Assert.Equal(["SIMPLE"], triggers);
    }
}
