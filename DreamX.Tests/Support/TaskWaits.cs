using DreamX.Domain.Generation;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Tests.Support;

/// <summary>Waits on generation tasks in the database, as the pipeline tests do after queueing a stage.</summary>
public static class TaskWaits
{
    /// <summary>Polls until every task succeeded; fails at once naming the first that failed or was cancelled, or at the deadline.</summary>
    public static async Task WaitSucceededAsync(this PostgresDatabase database, IReadOnlyList<Guid> ids, string step, int seconds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            await using var db = database.CreateContext();
            var tasks = await db.GenerationTasks.AsNoTracking().Where(t => ids.Contains(t.Id)).ToListAsync();
            var failed = tasks.FirstOrDefault(t => t.Status is GenerationTaskStatus.Failed or GenerationTaskStatus.Cancelled);
            Assert.True(failed is null, $"{step}: {failed?.Type} failed: {failed?.Error}");
            if (tasks.All(t => t.Status == GenerationTaskStatus.Succeeded))
                return;
            Assert.True(DateTime.UtcNow < deadline, $"{step} did not finish: {string.Join(", ", tasks.Select(t => t.Status))}");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Polls until the project has more generation tasks than <paramref name="before"/> and none is still waiting or
    /// running (the Quartz jobs run in the app); a failed task fails the test with its error. Returns the task count.
    /// </summary>
    public static async Task<int> WaitProjectSettledAsync(this PostgresDatabase database, Guid projectId, int before, int timeoutSeconds = 120)
    {
        var until = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            await using (var db = database.CreateContext())
            {
                var tasks = await db.GenerationTasks.AsNoTracking().Where(t => t.ProjectId == projectId)
                    .Select(t => new { t.Type, t.Status, t.Error }).ToListAsync();
                var failed = tasks.FirstOrDefault(t => t.Status == GenerationTaskStatus.Failed);
                Assert.True(failed is null, $"{failed?.Type} failed: {failed?.Error}");
                if (tasks.Count > before && tasks.All(t => t.Status is GenerationTaskStatus.Succeeded or GenerationTaskStatus.Cancelled))
                    return tasks.Count;
                if (DateTime.UtcNow > until)
                    throw new TimeoutException($"tasks still pending: {string.Join(", ", tasks.Where(t => t.Status != GenerationTaskStatus.Succeeded).Select(t => $"{t.Type} {t.Status}"))}");
            }
            await Task.Delay(250);
        }
    }
}
