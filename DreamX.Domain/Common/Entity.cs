namespace DreamX.Domain.Common;

/// <summary>An entity identified by a Guid chosen by the application (so links can be made before saving).</summary>
public abstract class Entity
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
}
