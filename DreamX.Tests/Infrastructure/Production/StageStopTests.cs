using DreamX.Domain.Canvas;
using DreamX.Domain.Credits;
using DreamX.Domain.Generation;
using DreamX.Infrastructure.Production;
using DreamX.Tests.Support;
using DreamX.Tests.Ui.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DreamX.Tests.Infrastructure.Production;

/// <summary>
/// Stopping a stage or fan-out in one action, and what "Regenerate" offers afterwards (issue 18: cancel existed only
/// per task, and Regenerate after cancelling 5 of 16 re-queued all 16).
/// </summary>
public sealed class StageStopTests(StudioApp app) : IClassFixture<StudioApp>
{
    private const int Credits = 1000;

    [Fact]
    public async Task Regenerate_after_a_partial_stop_offers_and_queues_only_the_missing_shots()
    {
        var (ownerId, projectId, shots) = await ProjectWithShotsAsync();
        Assert.Equal(16, shots.Count);
        await using var scope = app.Services.CreateAsyncScope();
        var production = scope.ServiceProvider.GetRequiredService<StageProduction>();
        var made = DateTimeOffset.UtcNow.AddMinutes(-10);
        await AddTasksAsync(ownerId, projectId, shots, GenerationTaskStatus.Succeeded, made);

        // Every shot made: the fan-out regenerates them all.
        Assert.Equal(16, (await production.QuoteAsync(ownerId, projectId, ProductionStep.ShotImages)).Value.TaskCount);

        // A later regenerate stopped after 11 of 16: five were cancelled.
        var stopped = shots.Take(5).ToList();
        await AddTasksAsync(ownerId, projectId, shots.Skip(5).ToList(), GenerationTaskStatus.Succeeded, made.AddMinutes(5));
        await AddTasksAsync(ownerId, projectId, stopped, GenerationTaskStatus.Cancelled, made.AddMinutes(5));

        var quote = (await production.QuoteAsync(ownerId, projectId, ProductionStep.ShotImages)).Value;
        Assert.Equal(5, quote.TaskCount);
        Assert.Equal(5 * DefaultPrice(GenerationTaskType.ShotImage), quote.Credits);
        var canvas = await production.QuoteManyAsync(ownerId, projectId, [(ProductionStep.ShotImages, null)]);
        Assert.Equal(5, canvas[(ProductionStep.ShotImages, null)].TaskCount);

        var queued = await production.GenerateAsync(ownerId, projectId, ProductionStep.ShotImages);
        Assert.True(queued.IsSuccess, queued.Error);
        Assert.Equal(stopped.Order(), queued.Value.Select(t => t.TargetId).Order());

        // One shot asked for on its own is made whatever its stage's history.
        var one = await production.QuoteAsync(ownerId, projectId, ProductionStep.ShotImages, shots[10]);
        Assert.Equal(1, one.Value.TaskCount);
    }

    [Fact]
    public async Task Stop_on_a_fan_out_cancels_its_queued_and_running_tasks_in_one_action_with_their_credits_back()
    {
        var (ownerId, projectId, shots) = await ProjectWithShotsAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var production = scope.ServiceProvider.GetRequiredService<StageProduction>();

        // Workers claim a creator's tasks under a lock of that creator: held here, the whole fan-out is still waiting when
        // the stop comes, however fast the machine (without it, a fast one finished half the stage first).
        await using var hold = new Npgsql.NpgsqlConnection(app.Database.ConnectionString);
        await hold.OpenAsync();
        await using var claims = await hold.BeginTransactionAsync();
        await using (var lockClaims = new Npgsql.NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext(@owner))", hold, claims))
        {
            lockClaims.Parameters.AddWithValue("owner", ownerId);
            await lockClaims.ExecuteNonQueryAsync();
        }
        var queued = await production.GenerateAsync(ownerId, projectId, ProductionStep.ShotImages);
        Assert.True(queued.IsSuccess, queued.Error);
        Assert.Equal(shots.Count, queued.Value.Count);
        var ids = queued.Value.Select(t => t.Id).ToList();
        var open = (await production.QuoteAsync(ownerId, projectId, ProductionStep.ShotImages)).Value.Open;

        var stopped = await production.StopAsync(ownerId, projectId, ProductionStep.ShotImages);
        await claims.CommitAsync();

        Assert.True(stopped.IsSuccess, stopped.Error);
        await using var db = app.Database.CreateContext();
        var rows = await db.GenerationTasks.AsNoTracking().Where(t => ids.Contains(t.Id)).ToListAsync();
        Assert.Equal(shots.Count, open);
        Assert.Equal(shots.Count, stopped.Value);
        Assert.All(rows, t => Assert.Equal(GenerationTaskStatus.Cancelled, t.Status));
        var balance = await scope.ServiceProvider.GetRequiredService<ICreditLedger>().GetBalanceAsync(ownerId);
        Assert.Equal(new CreditBalance(Credits - rows.Sum(t => t.CreditsCharged), 0), balance);
        Assert.Equal(0, (await production.QuoteAsync(ownerId, projectId, ProductionStep.ShotImages)).Value.Open);
    }

    private static int DefaultPrice(GenerationTaskType type) =>
        DreamX.Infrastructure.Generation.DefaultCreditPrices.For(type, GenerationQuality.Standard);

    private async Task AddTasksAsync(string ownerId, Guid projectId, IReadOnlyList<Guid> shots, GenerationTaskStatus status, DateTimeOffset at)
    {
        await using var db = app.Database.CreateContext();
        db.GenerationTasks.AddRange(shots.Select(shot => new GenerationTask
        {
            ProjectId = projectId,
            OwnerId = ownerId,
            Type = GenerationTaskType.ShotImage,
            TargetKind = NodeKind.Segment,
            TargetId = shot,
            Status = status,
            CreatedAt = at,
            FinishedAt = at.AddSeconds(20),
        }));
        await db.SaveChangesAsync();
    }

    private async Task<(string OwnerId, Guid ProjectId, List<Guid> Shots)> ProjectWithShotsAsync()
    {
        var ownerId = Guid.NewGuid().ToString();
        var graph = SampleProjectGraph.Build(ownerId, scenesPerEpisode: 4, shotsPerScene: 4, title: "Stop " + Guid.NewGuid().ToString("N")[..6]);
        await using (var db = app.Database.CreateContext())
            await SampleProjectGraph.SaveWithOwnerAsync(db, graph);
        await using var scope = app.Services.CreateAsyncScope();
        var granted = await scope.ServiceProvider.GetRequiredService<ICreditLedger>().PostAsync(ownerId, CreditEntryKind.Purchased, Credits, $"grant-{ownerId}", "test credits");
        Assert.True(granted.IsSuccess, granted.Error);
        var shots = graph.Episodes.SelectMany(e => e.Scenes).OrderBy(s => s.Number).SelectMany(s => s.Shots.OrderBy(x => x.Order)).Select(s => s.Id).ToList();
        return (ownerId, graph.Project.Id, shots);
    }
}
