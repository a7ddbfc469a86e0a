using DreamX.Domain.Storage;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Infrastructure.Persistence;

/// <summary>Answers "whose project is this?" for the media access rule.</summary>
internal sealed class ProjectOwnerLookup(IDbContextFactory<DreamXDbContext> contexts) : IProjectOwnerLookup
{
    public async Task<string?> FindOwnerIdAsync(Guid projectId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Projects.Where(p => p.Id == projectId).Select(p => p.OwnerId).FirstOrDefaultAsync(ct);
    }

    public async Task<bool> IsMemberAsync(Guid projectId, string userId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await Projects.ProjectAccess.SharedWith(db, userId).AnyAsync(id => id == projectId, ct);
    }
}
