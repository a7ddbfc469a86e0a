using DreamX.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Infrastructure.Production;

/// <summary>
/// Marks and reads when the creator last changed a project (<see cref="Domain.Projects.ProjectCreatorEdit"/>): the line
/// between a repeated Generate (a burst of clicks) and a new request after an edit.
/// </summary>
public static class CreatorEdits
{
    /// <summary>
    /// Records a change by the creator at <paramref name="at"/> (never moving the mark back). Run it in the transaction
    /// that saves the change, so a change that is not saved leaves no mark and a saved one always has it.
    /// </summary>
    public static Task MarkAsync(DreamXDbContext db, Guid projectId, DateTimeOffset at, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync(
            $"""
             INSERT INTO project_creator_edits (project_id, edited_at) VALUES ({projectId}, {at.ToUniversalTime()})
             ON CONFLICT (project_id) DO UPDATE SET edited_at = GREATEST(project_creator_edits.edited_at, excluded.edited_at)
             """, ct);

    /// <summary>Saves the tracked change together with its mark, in one transaction.</summary>
    public static async Task SaveWithMarkAsync(DreamXDbContext db, Guid projectId, DateTimeOffset at, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await MarkAsync(db, projectId, at, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>When the creator last changed the project, or null when they never did.</summary>
    public static Task<DateTimeOffset?> LastAsync(DreamXDbContext db, Guid projectId, CancellationToken ct) =>
        db.ProjectCreatorEdits.AsNoTracking().Where(e => e.ProjectId == projectId).Select(e => (DateTimeOffset?)e.EditedAt).FirstOrDefaultAsync(ct);
}
