using DreamX.Domain.Storage;

namespace DreamX.Tests.Infrastructure.Storage;

internal sealed class InMemoryProjectOwnerLookup : IProjectOwnerLookup
{
    private readonly Dictionary<Guid, string> _owners = [];
    private readonly HashSet<(Guid, string)> _members = [];

    /// <summary>How many questions were asked (owner or membership): what a database would have answered.</summary>
    public int Questions { get; private set; }

    public void Add(Guid projectId, string ownerId) => _owners[projectId] = ownerId;

    public void AddMember(Guid projectId, string userId) => _members.Add((projectId, userId));

    public Task<string?> FindOwnerIdAsync(Guid projectId, CancellationToken ct)
    {
        Questions++;
        return Task.FromResult(_owners.GetValueOrDefault(projectId));
    }

    public Task<bool> IsMemberAsync(Guid projectId, string userId, CancellationToken ct)
    {
        Questions++;
        return Task.FromResult(_members.Contains((projectId, userId)));
    }
}
