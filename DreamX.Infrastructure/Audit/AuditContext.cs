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
    private static readonly AsyncLocal<AuditActor?> Ambient = new();

    public static AuditActor? Current
    {
        get => Ambient.Value;
        set => Ambient.Value = value;
    }
}
