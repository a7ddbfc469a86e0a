using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DreamX.Infrastructure.Api;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace DreamX.Web.Api.Foundation;

/// <summary>
/// <c>Idempotency-Key</c> on endpoints that spend credits: the first call with a key does the work and its answer is
/// stored; a repeat of the key (same request) gets the same status and body back, with <c>Idempotent-Replayed: true</c>,
/// and charges nothing. The same key with another request is a 422; a repeat while the first still runs is a 409.
/// </summary>
public static class ApiIdempotency
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    public static RouteHandlerBuilder Idempotent(this RouteHandlerBuilder builder) => builder
        .WithMetadata(new IdempotentEndpointMetadata())
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
        .AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var key = http.Request.Headers[Header].ToString().Trim();
            if (key.Length == 0)
                return await next(context);
            if (key.Length > IdempotentRequest.KeyMaxLength)
                return ApiProblems.Validation(Header, $"An Idempotency-Key has at most {IdempotentRequest.KeyMaxLength} characters.");

            var store = http.RequestServices.GetRequiredService<IdempotentRequests>();
            var json = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
            var userId = http.UserId();
            var claim = await store.BeginAsync(userId, key, RequestHash(context, json), http.RequestAborted);
            switch (claim.Outcome)
            {
                case IdempotencyOutcome.Replay:
                    http.Response.Headers[ReplayedHeader] = "true";
                    return string.IsNullOrEmpty(claim.Body)
                        ? Results.StatusCode(claim.StatusCode)
                        : Results.Content(claim.Body, claim.ContentType ?? "application/json", Encoding.UTF8, claim.StatusCode);
                case IdempotencyOutcome.Mismatch:
                    return ApiProblems.Unprocessable("This Idempotency-Key was used for a different request.", "idempotency.key_reused");
                case IdempotencyOutcome.InProgress:
                    return ApiProblems.Conflict("A request with this Idempotency-Key is still being carried out; try again shortly.", "idempotency.in_progress");
            }

            try
            {
                var result = await next(context);
                var (status, value) = Unwrap(result);
                if (status >= 500)
                {
                    await store.AbandonAsync(userId, key, CancellationToken.None);
                    return result;
                }
                var body = value is null ? null : JsonSerializer.Serialize(value, value.GetType(), json);
                var contentType = value is Microsoft.AspNetCore.Mvc.ProblemDetails ? "application/problem+json" : "application/json";
                await store.CompleteAsync(userId, key, status, contentType, body, CancellationToken.None);
                return result;
            }
            catch
            {
                await store.AbandonAsync(userId, key, CancellationToken.None);
                throw;
            }
        });

    private static (int Status, object? Value) Unwrap(object? result)
    {
        while (result is INestedHttpResult nested)
            result = nested.Result;
        var status = (result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK;
        return (status, (result as IValueHttpResult)?.Value);
    }

    /// <summary>The request as the handler sees it: method, path, query and the bound arguments (not services).</summary>
    private static string RequestHash(EndpointFilterInvocationContext context, JsonSerializerOptions json)
    {
        var http = context.HttpContext;
        var arguments = context.Arguments
            .Where(a => a is null || a is string || a is Guid || a.GetType().IsPrimitive || a.GetType().IsEnum
                        || a.GetType().Namespace?.StartsWith("DreamX.Web.Api", StringComparison.Ordinal) == true)
            .Select(a => a is null ? "null" : JsonSerializer.Serialize(a, a.GetType(), json));
        var text = $"{http.Request.Method} {http.Request.Path}{http.Request.QueryString}\n{string.Join('\n', arguments)}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}

/// <summary>Marks an endpoint that takes an <c>Idempotency-Key</c> (the OpenAPI document lists the header for it).</summary>
public sealed class IdempotentEndpointMetadata;
