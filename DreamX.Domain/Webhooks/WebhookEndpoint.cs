using DreamX.Domain.Common;

namespace DreamX.Domain.Webhooks;

/// <summary>A creator's URL that is told about events of the kinds it subscribed to, signed with its secret.</summary>
public sealed class WebhookEndpoint : Entity
{
    public const int UrlMaxLength = 500;
    public const int DescriptionMaxLength = 200;
    public const int MaxPerUser = 10;

    public string UserId { get; init; } = "";
    public string Url { get; set; } = "";
    public string Description { get; set; } = "";
    public List<string> EventTypes { get; set; } = [];

    /// <summary>The signing secret, encrypted with Data Protection; the clear secret is shown once, at creation.</summary>
    public string SecretProtected { get; set; } = "";

    /// <summary>The secret's first characters, so the creator can tell which one a receiver holds.</summary>
    public string SecretPrefix { get; set; } = "";

    public bool IsEnabled { get; set; } = true;
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
}

public enum WebhookDeliveryStatus
{
    Pending,
    Succeeded,

    /// <summary>Every retry failed within the retry window; a manual redelivery may still succeed.</summary>
    Failed,
}

/// <summary>
/// One event sent to one endpoint: the body is fixed when the event happens so every retry sends the same bytes, and
/// <see cref="Entity.Id"/> is the <c>DreamX-Webhook-Id</c> header receivers deduplicate on.
/// </summary>
public sealed class WebhookDelivery : Entity
{
    public Guid EndpointId { get; init; }
    public long? EventId { get; init; }
    public string EventType { get; init; } = "";
    public string Body { get; init; } = "";
    public WebhookDeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? NextAttemptAt { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    public int? LastStatusCode { get; set; }
}

/// <summary>One try at a delivery: what the receiver answered (or why there was no answer) and how long it took.</summary>
public sealed class WebhookAttempt
{
    public const int ErrorMaxLength = 500;

    public long Id { get; init; }
    public Guid DeliveryId { get; init; }
    public DateTimeOffset AttemptedAt { get; init; }
    public int? StatusCode { get; init; }
    public bool Succeeded { get; init; }
    public int DurationMs { get; init; }
    public string? Error { get; init; }

    /// <summary>Asked for by the creator (redeliver, test ping) rather than the retry schedule.</summary>
    public bool Manual { get; init; }
}
