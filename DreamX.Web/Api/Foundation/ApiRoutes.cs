using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DreamX.Web.Api.Foundation;

/// <summary>
/// The <c>/api/v1</c> route group every feature hangs its endpoints on: token authentication with the read scope,
/// the per-token rate limit, problem details for 401/403/429 in the OpenAPI document and a tag per feature.
/// </summary>
public static class ApiRoutes
{
    public const string Prefix = "/api/v1";

    /// <summary>A feature's group, e.g. <c>MapApiGroup("/projects", "Projects")</c> → <c>/api/v1/projects</c>.</summary>
    public static RouteGroupBuilder MapApiGroup(this IEndpointRouteBuilder endpoints, string prefix, string tag)
    {
        var group = endpoints.MapGroup(Prefix + prefix)
            .WithTags(tag)
            .RequireAuthorization(ApiPolicies.Read)
            .RequireRateLimiting(ApiRateLimits.PerToken);
        group.ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return group;
    }

    /// <summary>The endpoint changes something: the token needs the write scope.</summary>
    public static TBuilder RequiresWrite<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(ApiPolicies.Write);

    /// <summary>The endpoint spends credits: write scope and the tighter spending rate limit.</summary>
    public static TBuilder Spends<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(ApiPolicies.Write).RequireRateLimiting(ApiRateLimits.Spending);

    /// <summary>Checks the body's data annotations before the handler runs: 400 with the field errors.</summary>
    public static RouteHandlerBuilder Validates<TBody>(this RouteHandlerBuilder builder) where TBody : class =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var body = context.Arguments.OfType<TBody>().FirstOrDefault();
            if (body is not null && ApiValidation.Errors(body) is { Count: > 0 } errors)
                return ApiProblems.Validation(errors);
            return await next(context);
        }).ProducesValidationProblem();

    /// <summary>Checks a <see cref="PageQuery"/> argument: 400 with the field errors.</summary>
    public static RouteHandlerBuilder PagesWith(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var paging = context.Arguments.OfType<PageQuery>().FirstOrDefault();
            if (paging is not null && paging.Validate() is { Count: > 0 } errors)
                return ApiProblems.Validation(errors);
            return await next(context);
        }).ProducesValidationProblem();
}

/// <summary>Data-annotation validation of request bodies, with errors keyed by JSON (camelCase) property names.</summary>
public static class ApiValidation
{
    public static Dictionary<string, string[]> Errors(object body)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(body, new ValidationContext(body), results, validateAllProperties: true);
        return results
            .SelectMany(r => (r.MemberNames.Any() ? r.MemberNames : [""]).Select(m => (Member: JsonName(m), r.ErrorMessage ?? "Invalid.")))
            .GroupBy(e => e.Member)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Item2).ToArray());
    }

    public static string JsonName(string member) =>
        member.Length == 0 ? "" : char.ToLowerInvariant(member[0]) + member[1..];
}

/// <summary>Helpers for handlers: results typed for the OpenAPI document.</summary>
public static class ApiResults
{
    public static Results<Ok<T>, ProblemHttpResult> OkOr<T>(DreamX.Domain.Common.Result<T> result, Func<string, string>? describe = null) =>
        result.IsSuccess ? TypedResults.Ok(result.Value) : ApiProblems.From(result, describe);
}
