using DreamX.Web.Api.Admin;
using DreamX.Web.Api.Catalog;
using DreamX.Web.Api.Foundation;
using DreamX.Web.Api.Mcp;
using DreamX.Web.Api.Me;
using DreamX.Web.Api.Projects;
using DreamX.Web.Api.Tasks;

namespace DreamX.Web.Api;

/// <summary>Maps every feature of the public API under <c>/api/v1</c>.</summary>
public static class StudioApi
{
    public static IEndpointRouteBuilder MapStudioApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapApiGroup("/me", "Me").MapMeEndpoints().MapTokenEndpoints();
        endpoints.MapApiGroup("/projects", "Projects").MapProjectEndpoints();
        endpoints.MapApiGroup("/projects", "Production").MapProductionEndpoints().MapDramaEndpoints().MapNoteEndpoints().MapMusicVideoEndpoints().MapTranslationEndpoints();
        endpoints.MapApiGroup("/projects", "Downloads").MapDownloadEndpoints();
        endpoints.MapApiGroup("/tasks", "Tasks").MapTaskEndpoints();
        endpoints.MapApiGroup("/catalog", "Catalog").MapCatalogEndpoints();
        endpoints.MapApiGroup("", "Events").MapEventStreamEndpoints();
        endpoints.MapApiGroup("/webhooks", "Webhooks").MapWebhookApiEndpoints();
        endpoints.MapProviderCallbackEndpoints();
        endpoints.MapApiGroup("/admin", "Admin").MapAdminEndpoints();
        endpoints.MapStudioApiDocumentation();
        endpoints.MapStudioMcp();
        return endpoints;
    }
}
