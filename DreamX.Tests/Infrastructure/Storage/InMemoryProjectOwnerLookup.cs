using DreamX.Domain.Storage;

namespace DreamX.Tests.Infrastructure.Storage;

internal sealed class InMemoryProjectOwnerLookup : IProjectOwnerLookup
{
    private readonly Dictionary<Guid, string> _owners = [];

    public void Add(Guid projectId, string ownerId) => _owners[projectId] = ownerId;

    public Task<string?> FindOwnerIdAsync(Guid projectId, CancellationToken ct)
        => Task.FromResult(_owners.GetValueOrDefault(projectId));
}
