namespace DreamX.Domain.Projects;

/// <summary>
/// When the creator last changed something in a project that its generation reads (an edit or a restore of a node, a
/// character's seed, look lock or references, a rename, an adopted brief). A Generate right after such a change is a new
/// request; without one, a Generate within the repeat window of the item's last task is a repeat of it, whatever that
/// task's own output changed meanwhile.
/// </summary>
public sealed class ProjectCreatorEdit
{
    public Guid ProjectId { get; init; }
    public DateTimeOffset EditedAt { get; set; }
}
