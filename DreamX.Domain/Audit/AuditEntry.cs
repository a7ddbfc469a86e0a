namespace DreamX.Domain.Audit;

/// <summary>
/// One security-relevant event (ASVS V16): who did what, to whom, when and from where. Append-only: nothing in the
/// studio updates or deletes a row.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; init; }
    public DateTimeOffset At { get; init; }

    /// <summary>What happened, one of <see cref="AuditActions"/>.</summary>
    public string Action { get; init; } = "";

    /// <summary>The user who acted; null for the studio itself (a job, a task settling its credits).</summary>
    public string? ActorId { get; init; }

    /// <summary>The account acted on (the user who logged in, whose credits moved, who was locked).</summary>
    public string? TargetUserId { get; init; }

    /// <summary>What else the action concerns: a provider's name, a ledger key, the e-mail a failed login tried.</summary>
    public string? Subject { get; init; }

    public string? Details { get; init; }
    public string? IpAddress { get; init; }

    /// <summary>The request's trace id, the same the log and any problem details carry.</summary>
    public string? CorrelationId { get; init; }
}

/// <summary>The actions the audit log records.</summary>
public static class AuditActions
{
    public const string LoginSucceeded = "login.succeeded";
    public const string LoginFailed = "login.failed";
    public const string LoginLockedOut = "login.locked_out";
    public const string Logout = "logout";
    public const string Registered = "account.registered";
    public const string PasswordChanged = "password.changed";
    public const string PasswordReset = "password.reset";
    public const string UserLocked = "user.locked";
    public const string UserUnlocked = "user.unlocked";
    public const string RoleGranted = "user.role_granted";
    public const string CreditsAdjusted = "credits.adjusted";
    public const string PlanChanged = "user.plan_changed";
    public const string ProviderChanged = "provider.changed";
    public const string ProviderKeyChanged = "provider.key_changed";
    public const string ProviderRemoved = "provider.removed";

    /// <summary>Every line written to the credit ledger: <c>ledger.</c> + the entry's kind in lower case.</summary>
    public const string LedgerPrefix = "ledger.";

    public static IReadOnlyList<string> Known { get; } =
    [
        LoginSucceeded, LoginFailed, LoginLockedOut, Logout, Registered, PasswordChanged, PasswordReset, UserLocked,
        UserUnlocked, RoleGranted, PlanChanged, ProviderChanged, ProviderKeyChanged, ProviderRemoved,
    ];
}
