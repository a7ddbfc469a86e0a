using System.Diagnostics;
using DreamX.Domain.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DreamX.Web.Api.Foundation;

/// <summary>
/// RFC 9457 problem details for the API: every error answer is <c>application/problem+json</c> with a type, a title,
/// the status, a detail a person can read, a machine <c>code</c> where the service gave one and the request's
/// <c>traceId</c> (the same id the logs and traces carry).
/// </summary>
public static class ApiProblems
{
    public const string TypeBase = "urn:dreamx:problem:";
    public const string TraceIdKey = "traceId";
    public const string CodeKey = "code";

    /// <summary>Adds the trace id and the instance to every problem the app writes (AddProblemDetails).</summary>
    public static void Customize(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        context.ProblemDetails.Extensions[TraceIdKey] = Activity.Current?.Id ?? http.TraceIdentifier;
        context.ProblemDetails.Instance ??= http.Request.Path;
        context.ProblemDetails.Type ??= TypeBase + (context.ProblemDetails.Status switch
        {
            StatusCodes.Status400BadRequest => "bad-request",
            StatusCodes.Status401Unauthorized => "unauthorized",
            StatusCodes.Status403Forbidden => "forbidden",
            StatusCodes.Status404NotFound => "not-found",
            StatusCodes.Status409Conflict => "conflict",
            StatusCodes.Status422UnprocessableEntity => "unprocessable",
            StatusCodes.Status429TooManyRequests => "too-many-requests",
            _ => "error",
        });
    }

    public static ProblemHttpResult NotFound(string? detail = null, string? code = null) =>
        Problem(StatusCodes.Status404NotFound, "Not found", detail ?? "There is no such resource, or it is not yours.", code ?? "not_found");

    public static ProblemHttpResult Conflict(string detail, string? code = null) =>
        Problem(StatusCodes.Status409Conflict, "Conflict", detail, code);

    public static ProblemHttpResult Unprocessable(string detail, string? code = null) =>
        Problem(StatusCodes.Status422UnprocessableEntity, "The request cannot be carried out", detail, code);

    public static ProblemHttpResult BadRequest(string detail, string? code = null) =>
        Problem(StatusCodes.Status400BadRequest, "Bad request", detail, code);

    /// <summary>400 with the field errors, keyed by the request's JSON property names.</summary>
    public static ValidationProblem Validation(IDictionary<string, string[]> errors, string? detail = null) =>
        TypedResults.ValidationProblem(errors, detail ?? "One or more fields are not valid.", type: TypeBase + "validation",
            title: "Validation failed");

    public static ValidationProblem Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static ProblemHttpResult Problem(int status, string title, string? detail, string? code = null)
    {
        var extensions = new Dictionary<string, object?>();
        if (code is not null)
            extensions[CodeKey] = code;
        return TypedResults.Problem(detail, statusCode: status, title: title, extensions: extensions);
    }

    /// <summary>A failed service result: a not-found code as 404, anything else as 422 with its code and message.</summary>
    public static ProblemHttpResult From(Result failure, Func<string, string>? describe = null)
    {
        var code = failure.Error ?? "error";
        var detail = describe?.Invoke(code) ?? code;
        if (code == Infrastructure.Projects.ProjectAccess.Forbidden)
            return Problem(StatusCodes.Status403Forbidden, "Forbidden", detail == code ? "Your role on this project does not allow this." : detail, code);
        return IsNotFound(code) ? NotFound(detail, code) : Unprocessable(detail, code);
    }

    public static bool IsNotFound(string? code) =>
        code is not null && (code.EndsWith("not_found", StringComparison.Ordinal) || code.EndsWith(".missing", StringComparison.Ordinal));
}
