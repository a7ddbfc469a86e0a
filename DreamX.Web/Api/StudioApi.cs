using DreamX.Web.Api.Foundation;
using DreamX.Web.Api.Me;

namespace DreamX.Web.Api;

/// <summary>Maps every feature of the public API under <c>/api/v1</c>.</summary>
public static class StudioApi
{
    public static IEndpointRouteBuilder MapStudioApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapApiGroup("/me", "Me").MapMeEndpoints().MapTokenEndpoints();
        endpoints.MapApiGroup("", "Events").MapEventStreamEndpoints();
        endpoints.MapApiGroup("/webhooks", "Webhooks").MapWebhookApiEndpoints();
        return endpoints;
    }
}
