using DreamX.Domain.Canvas;
using DreamX.Domain.Generation;
using DreamX.Infrastructure.Audit;
using DreamX.Infrastructure.Generation;

namespace DreamX.Tests.Infrastructure.Generation;

/// <summary>The task service checks the owner it is given instead of trusting it (issue 17: "the queue methods trust the caller's owner id").</summary>
[Collection(EngineCollection.Name)]
public sealed class TaskOwnershipTests(EngineFixture engine)
{
    private static TaskRequest Request(EngineUser user, Guid? projectId = null) =>
        new(projectId ?? user.ProjectId, user.UserId, GenerationTaskType.ShotImage, NodeKind.Segment, Guid.NewGuid(),
            System.Text.Json.JsonSerializer.Serialize(new { key = Guid.NewGuid().ToString("N") }));

    [Fact]
    public async Task A_task_for_someone_elses_project_is_refused_and_charges_nothing()
    {
        var owner = await EngineUser.CreateAsync(engine.Database, 100);
        var intruder = await EngineUser.CreateAsync(engine.Database, 100);

        var queued = await engine.Tasks.QueueAsync(Request(intruder, owner.ProjectId));

        Assert.Equal(GenerationTasks.NotFound, queued.Error);
        Assert.Equal(100, (await new DreamX.Infrastructure.Credits.CreditLedger(engine.Database.ContextFactory).GetBalanceAsync(intruder.UserId)).Available);
    }

    [Fact]
    public async Task A_signed_in_user_cannot_queue_find_list_cancel_or_retry_in_another_users_name()
    {
        var owner = await EngineUser.CreateAsync(engine.Database, 100);
        var intruder = await EngineUser.CreateAsync(engine.Database, 100);
        var task = (await engine.Tasks.QueueAsync(Request(owner))).Value;

        await AsActor(intruder.UserId, async () =>
        {
            Assert.Equal(GenerationTasks.NotFound, (await engine.Tasks.QueueAsync(Request(owner))).Error);
            Assert.Null(await engine.Tasks.FindAsync(task.Id));
            Assert.Empty((await engine.Tasks.ListAsync(new TaskQuery(owner.UserId))).Items);
            Assert.Equal(GenerationTasks.NotFound, (await engine.Tasks.CancelAsync(task.Id, owner.UserId)).Error);
            Assert.Equal(GenerationTasks.NotFound, (await engine.Tasks.RetryAsync(task.Id, owner.UserId)).Error);
        });
        await AsActor(owner.UserId, async () => Assert.NotNull(await engine.Tasks.FindAsync(task.Id)));
        await AsActor(intruder.UserId, async () => Assert.NotNull(await engine.Tasks.FindAsync(task.Id)), isAdmin: true);
        await engine.WaitFinishedAsync(task.Id);
    }

    [Fact]
    public void Admin_services_refuse_a_signed_in_non_admin_and_serve_admins_and_the_studio()
    {
        AuditContext.Current = new AuditActor("someone", "127.0.0.1", null);
        Assert.Throws<UnauthorizedAccessException>(ActorGate.DemandAdmin);
        AuditContext.Current = new AuditActor("someone", "127.0.0.1", null, IsAdmin: true);
        ActorGate.DemandAdmin();
        AuditContext.Current = null;
        ActorGate.DemandAdmin();
    }

    private static async Task AsActor(string userId, Func<Task> work, bool isAdmin = false)
    {
        var before = AuditContext.Current;
        AuditContext.Current = new AuditActor(userId, "127.0.0.1", null, isAdmin);
        try
        {
            await work();
        }
        finally
        {
            AuditContext.Current = before;
        }
    }
}
