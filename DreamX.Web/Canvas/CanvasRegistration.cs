using DreamX.Infrastructure.Canvas;
using DreamX.Web.Canvas.ProjectGraph;

namespace DreamX.Web.Canvas;

public static class CanvasRegistration
{
    /// <summary>The project canvas: its store in Infrastructure and the service the canvas page uses.</summary>
    public static IServiceCollection AddStudioCanvas(this IServiceCollection services)
    {
        services.AddCanvasStore();
        services.AddScoped<ProjectCanvas>();
        return services;
    }
}
