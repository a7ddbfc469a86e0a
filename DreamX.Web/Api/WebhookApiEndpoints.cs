using System.Security.Claims;
using DreamX.Domain.Common;
using DreamX.Domain.Webhooks;
using DreamX.Infrastructure.Webhooks;
using DreamX.Web.Api.Foundation;

namespace DreamX.Web.Api;

/// <summary>
/// <c>{api}/webhooks</c>: a creator's outbound webhook endpoints (the same <see cref="WebhookEndpoints"/> service as the
/// profile page): list, create (the secret is in this answer only), get, update, delete, the delivery log, redeliver
/// and a test ping.
/// </summary>
public static class WebhookApiEndpoints
{
    /// <summary>The body of a create or an update.</summary>
    public sealed record WebhookRequest(string Url, IReadOnlyList<string> Events, string? Description, bool? Enabled);

    /// <summary>The answer to a create: the endpoint and its signing secret, shown this once.</summary>
    public sealed record WebhookCreatedResponse(WebhookEndpointView Endpoint, string Secret);

    /// <summary>Maps the endpoints on <paramref name="group"/> (the /api/v1/webhooks group).</summary>
    public static RouteGroupBuilder MapWebhookApiEndpoints(this RouteGroupBuilder group)
    {

        group.MapGet("", async (ClaimsPrincipal user, WebhookEndpoints webhooks, CancellationToken ct) =>
                TypedResults.Ok(await webhooks.ListAsync(UserId(user), ct)))
            .WithName("ListWebhooks").WithSummary("Your webhook endpoints");

        group.MapPost("", async (WebhookRequest body, ClaimsPrincipal user, WebhookEndpoints webhooks, CancellationToken ct) =>
            {
                var result = await webhooks.CreateAsync(UserId(user), Input(body), ct);
                if (result.IsFailure)
                    return await ProblemAsync(result.Error!, body.Url, webhooks, ct);
                return TypedResults.Created($"/api/v1/webhooks/{result.Value.Endpoint.Id}", new WebhookCreatedResponse(result.Value.Endpoint, result.Value.Secret));
            })
            .WithName("CreateWebhook").WithSummary("Register an endpoint; the answer holds its signing secret, shown only this once")
            .Produces<WebhookCreatedResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem().RequiresWrite();

        group.MapGet("/{id:guid}", async (Guid id, ClaimsPrincipal user, WebhookEndpoints webhooks, CancellationToken ct) =>
                Answer(await webhooks.GetAsync(UserId(user), id, ct)))
            .WithName("GetWebhook").WithSummary("One endpoint")
            .Produces<WebhookEndpointView>().ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPut("/{id:guid}", async (Guid id, WebhookRequest body, ClaimsPrincipal user, WebhookEndpoints webhooks, CancellationToken ct) =>
            {
                var result = await webhooks.UpdateAsync(UserId(user), id, Input(body), ct);
                return result.IsFailure ? await ProblemAsync(result.Error!, body.Url, webhooks, ct) : TypedResults.Ok(result.Value);
            })
            .WithName("UpdateWebhook").WithSummary("Change an endpoint's URL, events, description or whether it is on")
            .Produces<WebhookEndpointView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).RequiresWrite();

        group.MapDelete("/{id:guid}", async (Guid id, ClaimsPrincipal user, WebhookEndpoints webhooks, CancellationToken ct) =>
            {
                var result = await webhooks.DeleteAsync(UserId(user), id, ct);
                return result.IsFailure ? NotFound() : TypedResults.NoContent();
            })
            .WithName("DeleteWebhook").WithSummary("Remove an endpoint and its delivery log")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).RequiresWrite();

        group.MapGet("/{id:guid}/deliveries", async (Guid id, [AsParameters] PageQuery paging, ClaimsPrincipal user, WebhookEndpoints webhooks, CancellationToken ct) =>
            {
                var result = await webhooks.DeliveriesAsync(UserId(user), id, paging.PageOrDefault, paging.PageSizeOrDefault, ct);
                return result.IsFailure ? NotFound() : TypedResults.Ok(ApiPage.From(result.Value, d => d));
            })
            .WithName("ListWebhookDeliveries").WithSummary("The endpoint's deliveries, newest first, each with its attempts")
            .Produces<ApiPage<WebhookDeliveryView>>().ProducesProblem(StatusCodes.Status404NotFound).PagesWith();

        group.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/redeliver",
                async (Guid id, Guid deliveryId, ClaimsPrincipal user, WebhookEndpoints webhooks, CancellationToken ct) =>
                    Answer(await webhooks.RedeliverAsync(UserId(user), id, deliveryId, ct)))
            .WithName("RedeliverWebhook").WithSummary("Send a delivery again now (same body and DreamX-Webhook-Id); answers the attempt")
            .Produces<WebhookAttemptView>().ProducesProblem(StatusCodes.Status404NotFound).RequiresWrite();

        group.MapPost("/{id:guid}/ping", async (Guid id, ClaimsPrincipal user, WebhookEndpoints webhooks, CancellationToken ct) =>
                Answer(await webhooks.PingAsync(UserId(user), id, ct)))
            .WithName("PingWebhook").WithSummary("Send a signed test event (type ping) now; answers the attempt")
            .Produces<WebhookAttemptView>().ProducesProblem(StatusCodes.Status404NotFound).RequiresWrite();
        return group;
    }

    private static string UserId(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("The API group requires an authenticated user.");

    private static WebhookInput Input(WebhookRequest body) => new(body.Url ?? "", body.Events ?? [], body.Description, body.Enabled ?? true);

    private static IResult Answer<T>(Result<T> result) => result.IsFailure ? NotFound() : TypedResults.Ok(result.Value);

    private static IResult NotFound() =>
        ApiProblems.NotFound("There is no webhook endpoint or delivery with this id among yours.", WebhookEndpoints.NotFound);

    private static async Task<IResult> ProblemAsync(string code, string url, WebhookEndpoints webhooks, CancellationToken ct)
    {
        if (code == WebhookEndpoints.NotFound)
            return NotFound();
        if (code == WebhookEndpoints.TooMany)
        {
            return ApiProblems.Conflict($"An account may have at most {WebhookEndpoint.MaxPerUser} webhook endpoints.", code);
        }
        var (field, message) = code switch
        {
            WebhookEndpoints.UrlInvalid => ("url", "Enter a full http or https address without a user name or password."),
            WebhookEndpoints.UrlRefused => ("url", await webhooks.WhyUrlRefusedAsync(url, ct) ?? "This address cannot be called."),
            WebhookEndpoints.EventsRequired => ("events", "Choose at least one event."),
            WebhookEndpoints.EventUnknown => ("events", "Events may be: " + string.Join(", ", DreamX.Domain.Events.StudioEventTypes.Webhookable) + "."),
            WebhookEndpoints.DescriptionTooLong => ("description", $"The description may have at most {WebhookEndpoint.DescriptionMaxLength} characters."),
            _ => ("", code),
        };
        return ApiProblems.Validation(field, message);
    }
}
