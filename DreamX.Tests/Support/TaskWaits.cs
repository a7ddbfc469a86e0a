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
}
