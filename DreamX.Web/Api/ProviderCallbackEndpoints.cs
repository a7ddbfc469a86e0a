using System.Text;
using DreamX.Infrastructure.Webhooks;
using DreamX.Web.Api.Foundation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DreamX.Web.Api;

/// <summary>
/// <c>POST {api}/webhooks/providers/{provider}</c> (seed 003): completion callbacks from remote generation workers and
/// providers. Not a creator's endpoint, so no access token: the HMAC signature keyed with the provider's callback secret
/// (set at /admin/providers) is the authentication, checked with its timestamp before anything is read or changed.
/// </summary>
public static class ProviderCallbackEndpoints
{
    public sealed record CallbackAccepted(string Status);

    public static IEndpointRouteBuilder MapProviderCallbackEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(ApiRoutes.Prefix + "/webhooks/providers/{provider}", AcceptAsync)
            .WithTags("Webhooks")
            .WithName("ProviderCallback")
            .WithSummary("A remote worker reports a finished job (signed with the provider's callback secret)")
            .WithDescription("Header `DreamX-Signature: t={unix seconds},v1={hex HMAC-SHA256 of \"{t}.{raw body}\" keyed with the callback secret}`; "
                + "a JSON body naming the job (`id`, `task_id` or `job_id`). The task holding the job polls its provider at once; the provider's own "
                + "answer is what the result is taken from. Timestamps more than 5 minutes away are refused.")
            .Accepts<object>("application/json")
            .AllowAnonymous()
            .DisableAntiforgery()
            // The server stops reading past this (also for a chunked body with no length): a 413, never a big buffer.
            .WithMetadata(new RequestSizeLimitAttribute(ProviderCallbacks.MaxBodyBytes))
            .RequireRateLimiting(ApiRateLimits.PerToken)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return endpoints;
    }

    private static async Task<Results<Accepted<CallbackAccepted>, ProblemHttpResult>> AcceptAsync(
        string provider, HttpRequest request, ProviderCallbacks callbacks, CancellationToken ct)
    {
        string body;
        try
        {
            // The raw body as sent: the signature covers its exact bytes.
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            body = await reader.ReadToEndAsync(ct);
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge();
        }
        var outcome = await callbacks.AcceptAsync(provider, request.Headers[WebhookSignature.Header].ToString(), body, ct);
        return outcome switch
        {
            ProviderCallbackOutcome.Accepted => TypedResults.Accepted((string?)null, new CallbackAccepted("polling")),
            ProviderCallbackOutcome.BadSignature => ApiProblems.Problem(StatusCodes.Status401Unauthorized, "Bad signature",
                "The DreamX-Signature header is missing, does not match the body with this provider's callback secret, or its timestamp is too old.",
                "callback.bad_signature"),
            ProviderCallbackOutcome.Malformed => ApiProblems.BadRequest("The body is not a JSON object naming the job (id, task_id or job_id).", "callback.malformed"),
            _ => ApiProblems.NotFound("No task is waiting on this job.", "callback.unknown_job"),
        };
    }

    private static ProblemHttpResult TooLarge() =>
        ApiProblems.Problem(StatusCodes.Status413PayloadTooLarge, "Too large", $"A callback body may be at most {ProviderCallbacks.MaxBodyBytes / 1024} KB.", "callback.too_large");
}
