namespace DreamX.Domain.Storage;

/// <summary>Finds who owns a project, so project media can be guarded by <see cref="ObjectAccessPolicy"/>.</summary>
public interface IProjectOwnerLookup
{
    /// <returns>The owner's user id, or null when there is no such project.</returns>
    Task<string?> FindOwnerIdAsync(Guid projectId, CancellationToken ct);

    /// <returns>Whether <paramref name="userId"/> was invited to the project (viewer or editor): members read its media too.</returns>
    Task<bool> IsMemberAsync(Guid projectId, string userId, CancellationToken ct) => Task.FromResult(false);
}
