using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using DreamX.Domain.Webhooks;
using DreamX.Infrastructure.Outbound;
using DreamX.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DreamX.Infrastructure.Webhooks;

/// <summary>
/// Sends webhook deliveries: each attempt signed afresh (<see cref="WebhookSignature"/>), posted through the guarded
/// <see cref="WebhookHttp"/>, logged as a <see cref="WebhookAttempt"/>; a failure is retried with exponential backoff
/// (<see cref="WebhookOptions.RetryBaseDelay"/> × 4ⁿ, capped, with jitter) until <see cref="WebhookOptions.GiveUpAfter"/>.
/// </summary>
public sealed class WebhookSender(
    IDbContextFactory<DreamXDbContext> contexts,
    WebhookHttp http,
    WebhookSecrets secrets,
    IOptionsMonitor<WebhookOptions> options,
    TimeProvider clock,
    ILogger<WebhookSender> logger)
{
    private const int Parallelism = 4;

    /// <summary>Sends every delivery that is due (a batch at a time, until none is left); returns how many were tried.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            List<(WebhookDelivery Delivery, WebhookEndpoint Endpoint)> due;
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                var now = clock.GetUtcNow();
                due = (await db.WebhookDeliveries.AsNoTracking()
                        .Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now)
                        .OrderBy(d => d.NextAttemptAt)
                        .Take(options.CurrentValue.BatchSize)
                        .Join(db.WebhookEndpoints.AsNoTracking(), d => d.EndpointId, e => e.Id, (d, e) => new { d, e })
                        .ToListAsync(cancellationToken))
                    .Select(x => (x.d, x.e)).ToList();
            }
            if (due.Count == 0)
                break;
            await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
                async (item, ct) => await AttemptAsync(item.Delivery, item.Endpoint, manual: false, ct));
            total += due.Count;
            if (due.Count < options.CurrentValue.BatchSize)
                break;
        }
        return total;
    }

    /// <summary>One attempt at <paramref name="delivery"/>, logged, with the delivery's state and next attempt updated.</summary>
    public async Task<WebhookAttempt> AttemptAsync(WebhookDelivery delivery, WebhookEndpoint endpoint, bool manual, CancellationToken cancellationToken)
    {
        var started = clock.GetUtcNow();
        var stopwatch = Stopwatch.StartNew();
        int? statusCode = null;
        string? error = null;
        if (!endpoint.IsEnabled && !manual)
            error = "The endpoint is turned off.";
        else if (secrets.TryUnprotect(endpoint.SecretProtected) is not { } secret)
            error = "The endpoint's secret cannot be read (the key ring changed); create the endpoint again.";
        else
            (statusCode, error) = await PostAsync(delivery, endpoint, secret, cancellationToken);
        stopwatch.Stop();

        var succeeded = statusCode is >= 200 and < 300;
        var attempt = new WebhookAttempt
        {
            DeliveryId = delivery.Id,
            AttemptedAt = started,
            StatusCode = statusCode,
            Succeeded = succeeded,
            DurationMs = (int)Math.Min(int.MaxValue, stopwatch.ElapsedMilliseconds),
            Error = error is { Length: > WebhookAttempt.ErrorMaxLength } ? error[..WebhookAttempt.ErrorMaxLength] : error,
            Manual = manual,
        };

        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        db.WebhookAttempts.Add(attempt);
        var attempts = await db.WebhookAttempts.CountAsync(a => a.DeliveryId == delivery.Id && !a.Manual, CancellationToken.None) + (manual ? 0 : 1);
        var (status, next) = (succeeded, manual) switch
        {
            (true, _) => (WebhookDeliveryStatus.Succeeded, (DateTimeOffset?)null),
            (false, true) => (delivery.Status == WebhookDeliveryStatus.Succeeded ? WebhookDeliveryStatus.Failed : delivery.Status, delivery.NextAttemptAt),
            (false, false) when !endpoint.IsEnabled => (WebhookDeliveryStatus.Failed, null),
            // The backoff counts from the failed attempt's end: a slow answer does not eat into the wait.
            _ => NextAfterFailure(delivery, attempts, clock.GetUtcNow()),
        };
        await db.SaveChangesAsync(CancellationToken.None);
        await db.WebhookDeliveries.Where(d => d.Id == delivery.Id).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.Status, status)
            .SetProperty(d => d.NextAttemptAt, next)
            .SetProperty(d => d.Attempts, d => d.Attempts + 1)
            .SetProperty(d => d.LastAttemptAt, started)
            .SetProperty(d => d.LastStatusCode, statusCode), CancellationToken.None);
        if (!succeeded)
            logger.LogInformation("Webhook delivery {DeliveryId} to endpoint {EndpointId} failed ({Status}): {Error}", delivery.Id, endpoint.Id, statusCode, error);
        return attempt;
    }

    /// <summary>Deletes deliveries (and their attempts) older than <see cref="WebhookOptions.KeepDeliveriesFor"/>.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow() - options.CurrentValue.KeepDeliveriesFor;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.WebhookDeliveries.Where(d => d.CreatedAt < before && d.Status != WebhookDeliveryStatus.Pending).ExecuteDeleteAsync(cancellationToken);
    }

    private (WebhookDeliveryStatus, DateTimeOffset?) NextAfterFailure(WebhookDelivery delivery, int failedAttempts, DateTimeOffset now)
    {
        var settings = options.CurrentValue;
        var exponent = Math.Min(failedAttempts - 1, 20);
        var delay = TimeSpan.FromTicks((long)Math.Min(settings.RetryBaseDelay.Ticks * Math.Pow(4, exponent), settings.MaxRetryDelay.Ticks));
        delay *= 0.9 + Random.Shared.NextDouble() * 0.2;
        var next = now + delay;
        return next > delivery.CreatedAt + settings.GiveUpAfter ? (WebhookDeliveryStatus.Failed, null) : (WebhookDeliveryStatus.Pending, next);
    }

    private async Task<(int? StatusCode, string? Error)> PostAsync(WebhookDelivery delivery, WebhookEndpoint endpoint, string secret, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(endpoint.Url, UriKind.Absolute, out var url))
            return (null, "The endpoint's URL is not valid.");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.CurrentValue.Timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json"),
            };
            var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
            request.Headers.TryAddWithoutValidation(WebhookSignature.Header, WebhookSignature.HeaderValue(secret, timestamp, delivery.Body));
            request.Headers.TryAddWithoutValidation(WebhookSignature.IdHeader, delivery.Id.ToString());
            request.Headers.TryAddWithoutValidation(WebhookSignature.EventHeader, delivery.EventType);
            request.Headers.UserAgent.Add(new ProductInfoHeaderValue("DreamX-Webhooks", "1.0"));
            using var response = await http.Http.SendAsync(request, timeout.Token);
            var code = (int)response.StatusCode;
            return code is >= 200 and < 300 ? (code, null) : (code, $"The receiver answered {code} {response.ReasonPhrase}.");
        }
        catch (OutboundRefusedException refused)
        {
            return (null, refused.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"No answer within {options.CurrentValue.Timeout.TotalSeconds:0} s.");
        }
        catch (HttpRequestException exception)
        {
            return (null, exception.GetBaseException().Message);
        }
    }
}
