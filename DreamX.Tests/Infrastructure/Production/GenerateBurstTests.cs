using DreamX.Domain.Credits;
using DreamX.Domain.Generation;
using DreamX.Domain.Projects;
using DreamX.Infrastructure.Production;
using DreamX.Infrastructure.Projects;
using DreamX.Tests.Ui.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DreamX.Tests.Infrastructure.Production;

/// <summary>
/// A burst of Generate calls for one thing (double clicks in one circuit, several tabs, two instances) queues it once
/// and is charged once (issue 18: ten clicks 40 ms apart had queued three tasks).
/// </summary>
public sealed class GenerateBurstTests(StudioApp app) : IClassFixture<StudioApp>
{
    [Fact]
    public async Task Ten_simultaneous_generate_calls_for_one_step_queue_one_task_and_hold_its_price_once()
    {
        var (userId, projectId) = await CreatorWithProjectAsync();

        var calls = Enumerable.Range(0, 10).Select(async _ =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<StageProduction>().GenerateAsync(userId, projectId, ProductionStep.StoryBible);
        }).ToList();
        var results = await Task.WhenAll(calls);

        var queued = Assert.Single(results, r => r.IsSuccess);
        Assert.All(results.Where(r => r.IsFailure), r => Assert.Equal(StageProduction.AlreadyRunning, r.Error));
        await using var db = app.Database.CreateContext();
        var task = Assert.Single(await db.GenerationTasks.AsNoTracking().Where(t => t.ProjectId == projectId).ToListAsync());
        Assert.Equal(Assert.Single(queued.Value).Id, task.Id);
        Assert.Single(await db.StoryBibles.AsNoTracking().Where(b => b.ProjectId == projectId).ToListAsync());
        Assert.Single(await db.CreditLedger.AsNoTracking().Where(e => e.UserId == userId && e.Kind == CreditEntryKind.Reserved).ToListAsync());
    }

    private async Task<(string UserId, Guid ProjectId)> CreatorWithProjectAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<DreamX.Infrastructure.Identity.UserAccounts>()
            .RegisterAsync($"burst-{Guid.NewGuid():N}@example.com", "click-click-click-1", "Burst");
        await scope.ServiceProvider.GetRequiredService<ICreditLedger>().PostAsync(user.Value.Id, CreditEntryKind.Purchased, 500, $"grant-{user.Value.Id}", "test credits");
        var created = await scope.ServiceProvider.GetRequiredService<ProjectLibrary>().CreateAsync(user.Value.Id, new CheckpointInput
        {
            Title = "Burst " + Guid.NewGuid().ToString("N")[..6],
            Language = "en-US",
            Idea = "A courier who delivers letters between two rival families falls for the wrong sender.",
            EpisodeDurationSeconds = 60,
        });
        Assert.True(created.IsSuccess, created.Error);
        return (user.Value.Id, created.Value.Id);
    }
}
