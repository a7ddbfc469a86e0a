using DreamX.Domain.Credits;
using DreamX.Infrastructure.Credits;
using DreamX.Tests.Infrastructure.Generation;
using DreamX.Tests.Support;

namespace DreamX.Tests.Infrastructure.Credits;

/// <summary>The wallet's history on real PostgreSQL: one line per task, not the ledger's three movements.</summary>
public sealed class CreditHistoryTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private readonly CreditLedger _ledger = new(database.ContextFactory);

    [Fact]
    public async Task A_finished_task_is_one_line_of_its_cost_and_a_hold_shows_only_while_its_task_runs()
    {
        var user = await EngineUser.CreateAsync(database, credits: 20);
        var (succeeded, failed, running) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await _ledger.ReserveForTaskAsync(user.UserId, succeeded, user.ProjectId, 4);
        await _ledger.ConsumeForTaskAsync(succeeded, 3);
        await _ledger.ReserveForTaskAsync(user.UserId, failed, user.ProjectId, 2);
        await _ledger.ReleaseForTaskAsync(failed, "task failed");
        await _ledger.ReserveForTaskAsync(user.UserId, running, user.ProjectId, 5);

        var page = await new CreditHistory(database.ContextFactory).ListAsync(new CreditHistoryQuery(user.UserId));

        var tasks = page.Items.Where(e => CreditHistoryPage.TaskIdOf(e) is not null)
            .Select(e => (CreditHistoryPage.TaskIdOf(e)!.Value, e.Kind, e.Amount)).ToList();
        Assert.Equal([(running, CreditEntryKind.Reserved, -5), (succeeded, CreditEntryKind.Consumed, -3)], tasks);
        Assert.Equal(page.Items.Count, page.Total);
        Assert.Contains(page.Items, e => e.Kind == CreditEntryKind.Adjusted && e.Amount == 20);
    }
}
