using DreamX.Domain.Canvas;
using DreamX.Domain.Generation;
using DreamX.Domain.Projects;
using DreamX.Infrastructure.Projects;
using DreamX.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Tests.Infrastructure.Projects;

[Collection(DatabaseCollection.Name)]
public sealed class ProjectLibraryBudgetCapTests(PostgresDatabase database) : ProjectLibraryTest(database)
{
    private Guid _projectId;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var created = await Library.CreateAsync(Maya, new CheckpointInput
        {
            Title = "The Night Shift",
            Language = "en-US",
            Idea = "A night-shift nurse discovers that her quiet patient is the heir everyone is looking for.",
        });
        _projectId = created.Value.Id;
    }

    [Fact]
    public async Task The_owner_sets_a_cap_and_it_is_kept()
    {
        var result = await Library.SetBudgetCapAsync(Maya, _projectId, 500);

        Assert.True(result.IsSuccess);
        Assert.Equal(500, await StoredCapAsync());
    }

    [Fact]
    public async Task The_owner_clears_the_cap()
    {
        await Library.SetBudgetCapAsync(Maya, _projectId, 500);

        var result = await Library.SetBudgetCapAsync(Maya, _projectId, null);

        Assert.True(result.IsSuccess);
        Assert.Null(await StoredCapAsync());
    }

    [Fact]
    public async Task Another_creator_cannot_cap_someone_elses_project()
    {
        var result = await Library.SetBudgetCapAsync(Leo, _projectId, 10);

        Assert.Equal(ProjectLibrary.NotFound, result.Error);
        Assert.Null(await StoredCapAsync());
    }

    [Fact]
    public async Task A_negative_cap_is_refused_and_the_old_cap_is_kept()
    {
        await Library.SetBudgetCapAsync(Maya, _projectId, 500);

        var result = await Library.SetBudgetCapAsync(Maya, _projectId, -5);

        Assert.Equal(ProjectLibrary.Invalid, result.Error);
        Assert.Equal(500, await StoredCapAsync());
    }

    [Fact]
    public async Task The_budget_left_counts_what_unfinished_tasks_hold_as_the_queue_does()
    {
        await Library.SetBudgetCapAsync(Maya, _projectId, 200);
        await using (var db = Database.CreateContext())
        {
            await db.Projects.Where(p => p.Id == _projectId).ExecuteUpdateAsync(s => s.SetProperty(p => p.CreditsSpent, 40));
            db.GenerationTasks.AddRange(
                Held(GenerationTaskStatus.Queued, 30), Held(GenerationTaskStatus.Running, 20), Held(GenerationTaskStatus.Blocked, 5),
                Held(GenerationTaskStatus.Succeeded, 50), Held(GenerationTaskStatus.Failed, 10), Held(GenerationTaskStatus.Cancelled, 7));
            await db.SaveChangesAsync();
        }

        var budget = await Library.GetBudgetAsync(Maya, _projectId);

        Assert.Equal(new ProjectBudget(CapCredits: 200, SpentCredits: 40, HeldCredits: 55), budget);
        Assert.Equal(105, budget!.LeftCredits);
        Assert.Null(await Library.GetBudgetAsync(Leo, _projectId));
    }

    [Fact]
    public async Task A_project_without_a_cap_has_no_budget()
    {
        Assert.Null(await Library.GetBudgetAsync(Maya, _projectId));
    }

    private GenerationTask Held(GenerationTaskStatus status, int held) => new()
    {
        ProjectId = _projectId,
        OwnerId = Maya,
        Type = GenerationTaskType.ShotImage,
        TargetKind = NodeKind.Segment,
        TargetId = Guid.NewGuid(),
        InputsHash = Guid.NewGuid().ToString("N"),
        Status = status,
        CreditsReserved = held,
    };

    private async Task<int?> StoredCapAsync()
    {
        await using var db = Database.CreateContext();
        return await db.Projects.Where(p => p.Id == _projectId).Select(p => p.BudgetCapCredits).SingleAsync();
    }
}
