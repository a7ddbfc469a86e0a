using DreamX.Web.Api.Projects;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace DreamX.Web.Api.Foundation;

/// <summary>
/// The OpenAPI document, made from the endpoints themselves (<c>/openapi/v1.json</c>), and the Scalar reference page at
/// <c>/api/docs</c>: bearer auth, the <c>Idempotency-Key</c> header where it applies, problem responses and examples.
/// </summary>
public static class ApiDocumentation
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePath = "/api/docs";
    public const string BearerScheme = "Bearer";

    public static IServiceCollection AddStudioApiDocumentation(this IServiceCollection services)
    {
        services.AddOpenApi("v1", o =>
        {
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/v1", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "DreamX Studio API",
                    Version = "v1",
                    Description = """
                        Everything the studio does, over HTTP: projects from an idea to a finished episode, on the same services and
                        rules as the studio's pages. Authenticate with a personal access token (profile page → Access tokens) as
                        `Authorization: Bearer dxs_…`; `read` tokens read, `write` tokens also change and spend. Errors are RFC 9457
                        problem details with a `traceId`; lists page with `page` and `pageSize`; calls that spend credits take an
                        `Idempotency-Key` header (same key, same answer, charged once). Limits answer 429 with `Retry-After`.
                        """,
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "dxs_ personal access token",
                    Description = "A personal access token from the profile page: `Authorization: Bearer dxs_…`.",
                };
                document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] }];
                // The groups in reading order (a creator's own first, the machines' and the admins' last), each described.
                document.Tags = new HashSet<OpenApiTag>(Groups.Select(g => new OpenApiTag { Name = g.Name, Description = g.Description }));
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                // An anonymous endpoint (the signed provider callbacks) takes no token: an empty list overrides the document's.
                if (metadata.OfType<Microsoft.AspNetCore.Authorization.IAllowAnonymous>().Any())
                    operation.Security = [];
                if (metadata.OfType<IdempotentEndpointMetadata>().Any())
                {
                    operation.Parameters ??= [];
                    operation.Parameters.Add(new OpenApiParameter
                    {
                        Name = ApiIdempotency.Header,
                        In = ParameterLocation.Header,
                        Required = false,
                        Description = "Any unique string (e.g. a UUID) per intended action: a repeat within 24 h gets the first answer back and is not charged again.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = Infrastructure.Api.IdempotentRequest.KeyMaxLength },
                    });
                }
                return Task.CompletedTask;
            });
            o.AddSchemaTransformer((schema, context, _) =>
            {
                if (Examples.TryGetValue(context.JsonTypeInfo.Type, out var example))
                    schema.Examples = [example()];
                return Task.CompletedTask;
            });
        });
        return services;
    }

    /// <summary>The API's groups (the tags of its operations) in the order the reference shows them.</summary>
    public static readonly IReadOnlyList<(string Name, string Description)> Groups =
    [
        ("Me", "The caller: profile, wallet, usage and personal access tokens."),
        ("Projects", "A creator's projects: create from an idea or a script, read, rename, delete."),
        ("Production", "Quote, generate, stop and retry each stage, edit nodes, run a whole drama."),
        ("Downloads", "Finished episodes, subtitles, timelines and per-shot clips, as short-lived signed links."),
        ("Tasks", "Generation tasks: progress, cancel, retry."),
        ("Catalog", "Voices, music and styles to choose from."),
        ("Events", "Live progress as Server-Sent Events, resumable with Last-Event-ID."),
        ("Webhooks", "Signed calls to the creator's own endpoint, and completion callbacks from remote providers."),
        ("Admin", "Administration for admins' tokens: users, credits, prices, providers, audit."),
    ];

    private static readonly Dictionary<Type, Func<System.Text.Json.Nodes.JsonNode>> Examples = new()
    {
        [typeof(CreateProjectRequest)] = () => new System.Text.Json.Nodes.JsonObject
        {
            ["type"] = "SingleEpisode",
            ["title"] = "The Lighthouse Keeper",
            ["language"] = "en-US",
            ["rating"] = "PG13",
            ["episodeCount"] = 1,
            ["episodeDurationSeconds"] = 30,
            ["aspectRatio"] = "Portrait9x16",
            ["idea"] = "A lighthouse keeper finds a letter from her missing brother inside a bottle on the night of a storm.",
        },
        [typeof(Me.CreateTokenRequest)] = () => new System.Text.Json.Nodes.JsonObject
        {
            ["name"] = "nightly batch",
            ["scopes"] = new System.Text.Json.Nodes.JsonArray("read", "write"),
            ["expiresAt"] = "2027-06-30T00:00:00Z",
        },
    };

    /// <summary>Maps the document and the reference page; both readable without a token (they describe, they do not answer).</summary>
    public static IEndpointRouteBuilder MapStudioApiDocumentation(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        // The page's scripts carry this request's CSP nonce, so the studio's strict policy (no inline script) holds here too.
        endpoints.MapScalarApiReference(ReferencePath, (o, http) => o
            .WithTitle("DreamX Studio API")
            .WithOpenApiRoutePattern(DocumentPath)
            .DisableDefaultFonts()
            .WithNonce(NetEscapades.AspNetCore.SecurityHeaders.HttpContextExtensions.GetNonce(http))
            .AddPreferredSecuritySchemes(BearerScheme))
            .AllowAnonymous();
        return endpoints;
    }
}
