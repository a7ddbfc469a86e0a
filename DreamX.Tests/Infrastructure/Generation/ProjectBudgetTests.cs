using DreamX.Domain.Canvas;
using DreamX.Domain.Credits;
using DreamX.Domain.Generation;
using DreamX.Infrastructure.Generation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DreamX.Tests.Infrastructure.Generation;

[Collection(EngineCollection.Name)]
public sealed class ProjectBudgetTests(EngineFixture engine)
{
    // A standard shot image costs 4 credits (DefaultCreditPrices; the test database has no price rows).
    private const int Price = 4;

    private static TaskRequest Request(EngineUser user, int delayMs = 0) =>
        new(user.ProjectId, user.UserId, GenerationTaskType.ShotImage, NodeKind.Segment, Guid.NewGuid(),
            System.Text.Json.JsonSerializer.Serialize(new { key = Guid.NewGuid().ToString("N"), delayMs }));

    private ICreditLedger Ledger => engine.Host.Services.GetRequiredService<ICreditLedger>();

    [Fact]
    public async Task A_task_that_would_pass_the_budget_cap_is_refused_and_holds_nothing()
    {
        var user = await CappedUserAsync(cap: 10);
        await engine.Tasks.QueueAsync(Request(user, delayMs: 2000));
        await engine.Tasks.QueueAsync(Request(user, delayMs: 2000));

        var third = await engine.Tasks.QueueAsync(Request(user));

        Assert.Equal(ProjectBudgets.Exceeded, third.Error);
        Assert.Equal(2 * Price, (await Ledger.GetBalanceAsync(user.UserId)).Reserved);
    }

    [Fact]
    public async Task A_succeeded_task_counts_as_spent_against_the_cap()
    {
        var user = await CappedUserAsync(cap: 6);
        var first = await engine.Tasks.QueueAsync(Request(user));
        await engine.WaitFinishedAsync(first.Value.Id);
        await WaitSpentAsync(user, Price);

        var second = await engine.Tasks.QueueAsync(Request(user));

        Assert.Equal(ProjectBudgets.Exceeded, second.Error);
    }

    [Fact]
    public async Task Concurrent_queue_calls_never_pass_the_cap_together()
    {
        var user = await CappedUserAsync(cap: 5 * Price);

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() => engine.Tasks.QueueAsync(Request(user, delayMs: 3000)))));

        Assert.Equal(5, results.Count(r => r.IsSuccess));
        Assert.All(results.Where(r => r.IsFailure), r => Assert.Equal(ProjectBudgets.Exceeded, r.Error));
    }

    [Fact]
    public async Task A_project_without_a_cap_is_not_limited()
    {
        var user = await EngineUser.CreateAsync(engine.Database, credits: 100);

        var results = new[] { await engine.Tasks.QueueAsync(Request(user)), await engine.Tasks.QueueAsync(Request(user)) };

        Assert.All(results, r => Assert.True(r.IsSuccess, r.Error));
    }

    private async Task<EngineUser> CappedUserAsync(int cap)
    {
        var user = await EngineUser.CreateAsync(engine.Database, credits: 100);
        await using var db = engine.Database.CreateContext();
        await db.Projects.Where(p => p.Id == user.ProjectId).ExecuteUpdateAsync(s => s.SetProperty(p => p.BudgetCapCredits, cap));
        return user;
    }

    private async Task WaitSpentAsync(EngineUser user, int spent)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            await using var db = engine.Database.CreateContext();
            var current = await db.Projects.Where(p => p.Id == user.ProjectId).Select(p => p.CreditsSpent).FirstAsync();
            if (current == spent)
                return;
            Assert.True(DateTime.UtcNow < deadline, $"credits spent is {current}, expected {spent}");
            await Task.Delay(50);
        }
    }
}
