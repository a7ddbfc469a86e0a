using DreamX.Domain.Canvas;
using DreamX.Domain.Events;
using DreamX.Domain.Generation;
using DreamX.Infrastructure.Generation;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Tests.Infrastructure.Generation;

/// <summary>What the real engine (runner, Quartz, settlement) writes to the event log for a task, in order.</summary>
[Collection(EngineCollection.Name)]
public sealed class EngineEventLogTests(EngineFixture engine)
{
    [Fact]
    public async Task A_task_run_by_the_engine_leaves_queued_started_progress_succeeded_and_node_updated_in_the_log()
    {
        var user = await EngineUser.CreateAsync(engine.Database, 100);
        var input = System.Text.Json.JsonSerializer.Serialize(new { key = Guid.NewGuid().ToString("N"), delayMs = 50 });
        var task = (await engine.Tasks.QueueAsync(new TaskRequest(user.ProjectId, user.UserId, GenerationTaskType.ShotImage, NodeKind.Segment, Guid.NewGuid(), input))).Value;

        Assert.Equal(GenerationTaskStatus.Succeeded, (await engine.WaitFinishedAsync(task.Id)).Status);

        await using var db = engine.Database.CreateContext();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        List<StudioEvent> events;
        do
        {
            events = await db.EventLog.AsNoTracking().Where(e => e.TaskId == task.Id).OrderBy(e => e.Id).ToListAsync();
            if (events.Any(e => e.Type == StudioEventTypes.NodeUpdated))
                break;
            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Equal(
            [StudioEventTypes.TaskQueued, StudioEventTypes.TaskStarted, StudioEventTypes.TaskProgress, StudioEventTypes.TaskSucceeded, StudioEventTypes.NodeUpdated],
            events.Select(e => e.Type));
        Assert.All(events, e => Assert.Equal((user.UserId, user.ProjectId), (e.UserId, e.ProjectId!.Value)));
        Assert.Contains("\"percent\": 10", events[2].Payload);
    }
}
