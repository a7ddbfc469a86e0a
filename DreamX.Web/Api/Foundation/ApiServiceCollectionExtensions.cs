using DreamX.Web.Api.Mcp;
using DreamX.Web.Hosting;
using Microsoft.AspNetCore.Authentication;

namespace DreamX.Web.Api.Foundation;

/// <summary>Registration and pipeline pieces of the public API (<c>/api/v1</c>).</summary>
public static class ApiServiceCollectionExtensions
{
    /// <summary>Problem details, the access-token scheme and the API's policies.</summary>
    public static WebApplicationBuilder AddStudioApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ApiProblems.Customize);
        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, AccessTokenAuthenticationHandler>(AccessTokenAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder().AddApiPolicies();
        // Enums travel by name ("Succeeded", "Portrait9x16"), as they are stored.
        builder.Services.AddStudioApiDocumentation();
        builder.Services.AddStudioMcp();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        return builder;
    }

    /// <summary>
    /// API answers are problem details, never the studio's HTML pages: unhandled errors become a 500 problem (no
    /// details leaked), and bodiless 4xx answers (an unknown route, a 405) get a problem body too.
    /// </summary>
    public static IApplicationBuilder UseStudioApiErrors(this IApplicationBuilder app) =>
        app.UseWhen(ApiRateLimits.IsApi, api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });

    /// <summary>True for a request the studio's HTML status pages must leave alone.</summary>
    public static bool IsApiRequest(HttpContext http) => ApiRateLimits.IsApi(http);
}
