using DreamX.Infrastructure.Generation;
using DreamX.Infrastructure.Production.Steps;
using Microsoft.Extensions.DependencyInjection;

namespace DreamX.Infrastructure.Production;

public static class ProductionServiceCollectionExtensions
{
    /// <summary>The stage steps the engine runs, the node-state mirror and the "Generate" service the UI calls.</summary>
    public static IServiceCollection AddProduction(this IServiceCollection services)
    {
        services.AddGenerationStep<ImproveIdeaStep>();
        services.AddGenerationStep<StoryBibleStep>();
        services.AddGenerationStep<CharactersStep>();
        services.AddGenerationStep<ScriptStep>();
        services.AddGenerationStep<SceneDesignStep>();
        services.AddGenerationStep<ShotListStep>();
        services.AddGenerationStep<ShotImageStep>();
        services.AddGenerationStep<ShotAudioStep>();
        services.AddGenerationStep<CharacterPortraitStep>();
        services.AddGenerationStep<SceneKeyArtStep>();
        services.AddGenerationStep<ShotVideoStep>();
        services.AddGenerationStep<ComposePreviewStep>();
        services.AddGenerationStep<ComposeFinalStep>();
        services.AddGenerationStep<NoteOutlineStep>();
        services.AddGenerationStep<NotePageStep>();
        services.AddGenerationStep<NotePostStep>();
        services.AddGenerationStep<SongMapStep>();
        services.AddGenerationStep<MusicVideoShotsStep>();
        services.AddScoped<SongMapEdits>();
        services.AddGenerationStep<TranslateScriptStep>();
        services.AddScoped<Media.Notes.NoteExport>();
        services.AddScoped<NoteEdits>();
        // Rendered segments are shared through object storage, so every instance reuses them.
        services.AddSingleton(sp => new Media.Compose.EpisodeComposer(sp.GetRequiredService<Domain.Storage.IObjectStorage>()));
        services.AddOptions<Media.Compose.ComposeWorkspaceOptions>().BindConfiguration(Media.Compose.ComposeWorkspaceOptions.Section);
        services.AddSingleton<Media.Compose.ComposeWorkspace>();
        services.AddHostedService<Media.Compose.ComposeWorkspaceJanitor>();
        services.AddSingleton<ITaskStateObserver, NodeTaskStates>();
        services.AddSingleton<DramaRuns>();
        services.AddSingleton<ITaskStateObserver>(sp => sp.GetRequiredService<DramaRuns>());
        services.AddScoped<StageProduction>();
        services.AddScoped<PromptTemplates>();
        services.AddScoped<NodeEdits>();
        services.AddScoped<EpisodeTranslations>();
        return services;
    }
}
