namespace DreamX.Infrastructure.Audit;

/// <summary>Who is acting and from where, for the audit log and the services' own role checks.</summary>
public sealed record AuditActor(string? UserId, string? IpAddress, string? CorrelationId, bool IsAdmin = false);

/// <summary>
/// The acting user of the current request or circuit event, flowing with the async call: set once at the edge (a
/// middleware for HTTP requests, a circuit handler for each event of a Blazor circuit), read wherever an audited
/// thing happens, so no service has to pass "who" and "from where" through every call.
/// </summary>
public static class AuditContext
{
    private static readonly AsyncLocal<Func<AuditActor?>?> Ambient = new();

    public static AuditActor? Current
    {
        get => Ambient.Value?.Invoke();
        set => Ambient.Value = value is null ? null : () => value;
    }

    /// <summary>
    /// An actor read when it is needed rather than when the edge is crossed: an HTTP request's user is known only after
    /// its endpoint's authentication scheme ran (an API token is not the cookie the middleware sees first).
    /// </summary>
    public static void Use(Func<AuditActor?> actor) => Ambient.Value = actor;
}
