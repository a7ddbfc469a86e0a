using Microsoft.Extensions.DependencyInjection;

namespace DreamX.Infrastructure.Canvas;

public static class CanvasRegistration
{
    /// <summary>Reading a project's graph and saving where its nodes are on the canvas.</summary>
    public static IServiceCollection AddCanvasStore(this IServiceCollection services)
    {
        services.AddScoped<ProjectGraphReader>();
        services.AddScoped<CanvasPlacements>();
        return services;
    }
}
