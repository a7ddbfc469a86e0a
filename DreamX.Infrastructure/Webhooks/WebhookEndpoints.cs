using System.Text.Json;
using DreamX.Domain.Common;
using DreamX.Domain.Events;
using DreamX.Domain.Webhooks;
using DreamX.Infrastructure.Persistence;
using DreamX.Infrastructure.Projects;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Infrastructure.Webhooks;

/// <summary>What a creator types for an endpoint.</summary>
public sealed record WebhookInput(string Url, IReadOnlyList<string> EventTypes, string? Description = null, bool Enabled = true);

/// <summary>An endpoint as its owner sees it (never the secret, only its first characters).</summary>
public sealed record WebhookEndpointView(
    Guid Id, string Url, string Description, IReadOnlyList<string> EventTypes, bool Enabled, string SecretPrefix, DateTimeOffset CreatedAt);

/// <summary>A new endpoint with its secret: the only time the clear secret is shown.</summary>
public sealed record CreatedWebhook(WebhookEndpointView Endpoint, string Secret);

public sealed record WebhookAttemptView(long Id, DateTimeOffset AttemptedAt, int? StatusCode, bool Succeeded, int DurationMs, string? Error, bool Manual);

public sealed record WebhookDeliveryView(
    Guid Id, string EventType, long? EventId, WebhookDeliveryStatus Status, int Attempts, DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt, DateTimeOffset? LastAttemptAt, int? LastStatusCode, string Body, IReadOnlyList<WebhookAttemptView> AttemptLog);

/// <summary>
/// A creator's webhook endpoints: register (the secret is made here and shown once), change, remove, test, read the
/// delivery log and redeliver. Every method takes the acting user's id and answers <see cref="NotFound"/> for anything
/// that is not theirs.
/// </summary>
public sealed class WebhookEndpoints(
    IDbContextFactory<DreamXDbContext> contexts,
    WebhookHttp http,
    WebhookSecrets secrets,
    WebhookSender sender,
    TimeProvider clock)
{
    public const string NotFound = "webhook.not_found";
    public const string UrlInvalid = "webhook.url_invalid";
    public const string UrlRefused = "webhook.url_refused";
    public const string EventsRequired = "webhook.events_required";
    public const string EventUnknown = "webhook.event_unknown";
    public const string DescriptionTooLong = "webhook.description_too_long";
    public const string TooMany = "webhook.too_many";

    public async Task<IReadOnlyList<WebhookEndpointView>> ListAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var endpoints = await db.WebhookEndpoints.AsNoTracking().Where(e => e.UserId == userId).OrderBy(e => e.CreatedAt).ToListAsync(ct);
        return endpoints.Select(View).ToList();
    }

    public async Task<Result<WebhookEndpointView>> GetAsync(string userId, Guid id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var endpoint = await db.WebhookEndpoints.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id && e.UserId == userId, ct);
        return endpoint is null ? Result.Failure<WebhookEndpointView>(NotFound) : View(endpoint);
    }

    public async Task<Result<CreatedWebhook>> CreateAsync(string userId, WebhookInput input, CancellationToken ct = default)
    {
        if (await ValidateAsync(input, ct) is { } error)
            return Result.Failure<CreatedWebhook>(error);
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.WebhookEndpoints.CountAsync(e => e.UserId == userId, ct) >= WebhookEndpoint.MaxPerUser)
            return Result.Failure<CreatedWebhook>(TooMany);
        var secret = WebhookSecrets.NewSecret();
        var endpoint = new WebhookEndpoint
        {
            UserId = userId,
            Url = input.Url.Trim(),
            Description = input.Description?.Trim() ?? "",
            EventTypes = Normalise(input.EventTypes),
            IsEnabled = input.Enabled,
            SecretProtected = secrets.Protect(secret),
            SecretPrefix = secret[..(WebhookSecrets.Prefix.Length + 4)],
            CreatedAt = clock.GetUtcNow(),
        };
        db.WebhookEndpoints.Add(endpoint);
        await db.SaveChangesAsync(ct);
        return new CreatedWebhook(View(endpoint), secret);
    }

    public async Task<Result<WebhookEndpointView>> UpdateAsync(string userId, Guid id, WebhookInput input, CancellationToken ct = default)
    {
        // Someone else's endpoint is not found before anything about the request is judged.
        await using var db = await contexts.CreateDbContextAsync(ct);
        var endpoint = await db.WebhookEndpoints.FirstOrDefaultAsync(e => e.Id == id && e.UserId == userId, ct);
        if (endpoint is null)
            return Result.Failure<WebhookEndpointView>(NotFound);
        if (await ValidateAsync(input, ct) is { } error)
            return Result.Failure<WebhookEndpointView>(error);
        endpoint.Url = input.Url.Trim();
        endpoint.Description = input.Description?.Trim() ?? "";
        endpoint.EventTypes = Normalise(input.EventTypes);
        endpoint.IsEnabled = input.Enabled;
        await db.SaveChangesAsync(ct);
        return View(endpoint);
    }

    public async Task<Result> DeleteAsync(string userId, Guid id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var deleted = await db.WebhookEndpoints.Where(e => e.Id == id && e.UserId == userId).ExecuteDeleteAsync(ct);
        return deleted == 0 ? Result.Failure(NotFound) : Result.Success();
    }

    /// <summary>The endpoint's deliveries, newest first, each with its attempts.</summary>
    public async Task<Result<Paged<WebhookDeliveryView>>> DeliveriesAsync(string userId, Guid endpointId, int page, int pageSize, CancellationToken ct = default)
    {
        pageSize = Math.Clamp(pageSize, 1, 100);
        page = Math.Max(1, page);
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.WebhookEndpoints.AnyAsync(e => e.Id == endpointId && e.UserId == userId, ct))
            return Result.Failure<Paged<WebhookDeliveryView>>(NotFound);
        var deliveries = db.WebhookDeliveries.AsNoTracking().Where(d => d.EndpointId == endpointId);
        var total = await deliveries.CountAsync(ct);
        var rows = await deliveries.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        var ids = rows.Select(d => d.Id).ToList();
        var attempts = (await db.WebhookAttempts.AsNoTracking().Where(a => ids.Contains(a.DeliveryId)).OrderBy(a => a.Id).ToListAsync(ct))
            .ToLookup(a => a.DeliveryId);
        var items = rows.Select(d => DeliveryView(d, attempts[d.Id])).ToList();
        return new Paged<WebhookDeliveryView>(items, page, pageSize, total);
    }

    /// <summary>Sends a delivery again now (whatever its state) and returns the attempt; the receiver sees the same id.</summary>
    public async Task<Result<WebhookAttemptView>> RedeliverAsync(string userId, Guid endpointId, Guid deliveryId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var found = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.Id == deliveryId && d.EndpointId == endpointId)
            .Join(db.WebhookEndpoints.AsNoTracking().Where(e => e.UserId == userId), d => d.EndpointId, e => e.Id, (d, e) => new { d, e })
            .FirstOrDefaultAsync(ct);
        if (found is null)
            return Result.Failure<WebhookAttemptView>(NotFound);
        return AttemptView(await sender.AttemptAsync(found.d, found.e, manual: true, ct));
    }

    /// <summary>Sends a <c>ping</c> event to the endpoint now (logged like any delivery) and returns the attempt.</summary>
    public async Task<Result<WebhookAttemptView>> PingAsync(string userId, Guid endpointId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var endpoint = await db.WebhookEndpoints.AsNoTracking().FirstOrDefaultAsync(e => e.Id == endpointId && e.UserId == userId, ct);
        if (endpoint is null)
            return Result.Failure<WebhookAttemptView>(NotFound);
        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7();
        var delivery = new WebhookDelivery
        {
            Id = id,
            EndpointId = endpoint.Id,
            EventType = StudioEventTypes.Ping,
            Body = JsonSerializer.Serialize(new { id = "ping_" + id.ToString("N"), type = StudioEventTypes.Ping, created_at = now, data = new { endpointId = endpoint.Id } }),
            // Not retried: a test is answered now or not at all.
            Status = WebhookDeliveryStatus.Failed,
            CreatedAt = now,
        };
        db.WebhookDeliveries.Add(delivery);
        await db.SaveChangesAsync(ct);
        return AttemptView(await sender.AttemptAsync(delivery, endpoint, manual: true, ct));
    }

    private async Task<string?> ValidateAsync(WebhookInput input, CancellationToken ct)
    {
        var raw = input.Url?.Trim() ?? "";
        if (raw.Length is 0 or > WebhookEndpoint.UrlMaxLength
            || !Uri.TryCreate(raw, UriKind.Absolute, out var url)
            || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
            || !string.IsNullOrEmpty(url.UserInfo))
            return UrlInvalid;
        if ((input.Description?.Trim().Length ?? 0) > WebhookEndpoint.DescriptionMaxLength)
            return DescriptionTooLong;
        if (input.EventTypes is not { Count: > 0 })
            return EventsRequired;
        if (input.EventTypes.Any(t => !StudioEventTypes.IsWebhookable(t)))
            return EventUnknown;
        return await http.Guard.WhyRefusedAsync(url, ct) is null ? null : UrlRefused;
    }

    /// <summary>Why <paramref name="url"/> is refused, in the guard's words (for an API's detail), or null.</summary>
    public async Task<string?> WhyUrlRefusedAsync(string url, CancellationToken ct = default) =>
        Uri.TryCreate(url.Trim(), UriKind.Absolute, out var parsed) ? await http.Guard.WhyRefusedAsync(parsed, ct) : null;

    private static List<string> Normalise(IReadOnlyList<string> types) =>
        StudioEventTypes.Webhookable.Where(t => types.Contains(t, StringComparer.Ordinal)).ToList();

    private static WebhookEndpointView View(WebhookEndpoint e) =>
        new(e.Id, e.Url, e.Description, e.EventTypes, e.IsEnabled, e.SecretPrefix, e.CreatedAt);

    private static WebhookAttemptView AttemptView(WebhookAttempt a) =>
        new(a.Id, a.AttemptedAt, a.StatusCode, a.Succeeded, a.DurationMs, a.Error, a.Manual);

    private static WebhookDeliveryView DeliveryView(WebhookDelivery d, IEnumerable<WebhookAttempt> attempts) =>
        new(d.Id, d.EventType, d.EventId, d.Status, d.Attempts, d.CreatedAt, d.NextAttemptAt, d.LastAttemptAt, d.LastStatusCode, d.Body,
            attempts.Select(AttemptView).ToList());
}
