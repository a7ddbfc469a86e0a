namespace DreamX.Domain.Storage;

/// <summary>Finds who owns a project, so project media can be guarded by <see cref="ObjectAccessPolicy"/>.</summary>
public interface IProjectOwnerLookup
{
    /// <returns>The owner's user id, or null when there is no such project.</returns>
    Task<string?> FindOwnerIdAsync(Guid projectId, CancellationToken ct);
}
