using DreamX.Infrastructure.Canvas;
using DreamX.Web.Canvas.ProjectGraph;
using DreamX.Web.Live;

namespace DreamX.Web.Canvas;

public static class CanvasRegistration
{
    /// <summary>The project canvas: its store in Infrastructure and the service the canvas page uses.</summary>
    public static IServiceCollection AddStudioCanvas(this IServiceCollection services)
    {
        services.AddCanvasStore();
        services.AddScoped<ProjectCanvas>();
        // One live feed per instance and kind of page: a project's canvases (and boards) share its reads (section Live).
        services.AddOptions<LiveOptions>().BindConfiguration(LiveOptions.Section);
        services.AddSingleton<CanvasLiveFeed>();
        services.AddSingleton<BoardLiveFeed>();
        return services;
    }
}
