namespace DreamX.Infrastructure.Audit;

/// <summary>
/// The services' own access checks, beside the pages' and endpoints' <c>[Authorize]</c>: a page that forgets its
/// attribute, or an API endpoint mapped without a policy, still cannot reach another user's work or an admin-only
/// change. The acting user comes from <see cref="AuditContext"/>; code that runs on the studio's own account (jobs,
/// the task runner, seeding, tests) has no ambient actor and is trusted.
/// </summary>
public static class ActorGate
{
    /// <summary>Whether the acting user may act on work owned by <paramref name="ownerId"/>: its owner, an admin, or the studio itself.</summary>
    public static bool MayActFor(string? ownerId) =>
        AuditContext.Current is not { } actor || actor.IsAdmin || (actor.UserId is not null && actor.UserId == ownerId)
        || (ownerId is not null && ActingFor.Value == ownerId);

    private static readonly AsyncLocal<string?> ActingFor = new();

    /// <summary>
    /// A project service that <see cref="Projects.ProjectAccess"/> let act for a project's owner (an editor's work is the
    /// owner's work) says so here: for the rest of that service call (the value flows into its callees and ends when it
    /// returns) the owner's work may be acted on. Returns <paramref name="ownerId"/>.
    /// </summary>
    public static string ActFor(string ownerId)
    {
        ActingFor.Value = ownerId;
        return ownerId;
    }

    /// <summary>Whether the acting user may use the admin console's services.</summary>
    public static bool IsAdminOrStudio => AuditContext.Current is not { } actor || actor.IsAdmin;

    /// <summary>Refuses a non-admin caller of an admin-only service; reaching this is a missing check at the edge, not a user error.</summary>
    public static void DemandAdmin()
    {
        if (!IsAdminOrStudio)
            throw new UnauthorizedAccessException("This needs the admin role.");
    }
}
