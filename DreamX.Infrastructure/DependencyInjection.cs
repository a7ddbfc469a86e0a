using Microsoft.Extensions.DependencyInjection.Extensions;
using DreamX.Infrastructure.Administration;
using DreamX.Infrastructure.Assets;
using DreamX.Infrastructure.Generation;
using DreamX.Infrastructure.Identity;
using DreamX.Infrastructure.Persistence;
using DreamX.Infrastructure.Providers.Builtin;
using DreamX.Infrastructure.Persistence.Seeding;
using DreamX.Infrastructure.Production;
using DreamX.Infrastructure.Projects;
using DreamX.Infrastructure.Providers;
using DreamX.Infrastructure.Storage;
using DreamX.Infrastructure.Subscriptions;
using DreamX.Domain.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DreamX.Infrastructure;

public static class DependencyInjection
{
    /// <summary>Registers persistence, identity stores, data protection, storage and the seeds.</summary>
    public static IHostApplicationBuilder AddInfrastructure(this IHostApplicationBuilder builder)
    {
        builder.AddPersistence();
        builder.Services.TryAddSingleton<Audit.AuditTrail>();
        builder.AddStudioIdentity();
        builder.AddObjectStorage();
        builder.AddGenerationEngine();
        builder.AddAiProviders();
        builder.Services.AddScoped<IProjectOwnerLookup, ProjectOwnerLookup>();
        builder.Services.AddScoped<ProjectLibrary>();
        builder.Services.AddScoped<ProjectMembers>();
        builder.Services.AddScoped<MusicVideos.SongIntake>();
        builder.Services.AddSingleton<ProjectPresence>();
        builder.Services.AddScoped<Users.CreatorProfiles>();
        builder.Services.AddSingleton<Characters.CharacterReferences>();
        builder.Services.AddSingleton<Domain.Characters.ICharacterReferences>(sp => sp.GetRequiredService<Characters.CharacterReferences>());
        builder.Services.AddScoped<Users.AccessTokens>();
        builder.Services.TryAddSingleton<Api.IdempotentRequests>();
        builder.AddAssetCatalog();
        builder.AddSubscriptions();
        builder.AddAdministration();
        builder.Services.AddBuiltinStoryWriter();
        builder.Services.AddProduction();

        // Keys live in the database so every instance can read cookies and protected API keys of the others.
        builder.Services.AddDataProtection()
            .SetApplicationName("DreamX.Studio")
            .PersistKeysToDbContext<DreamXDbContext>()
            .ProtectKeysFromConfiguration(builder.Configuration, builder.Environment);

        builder.Services.AddOptions<SeedOptions>().Bind(builder.Configuration.GetSection(SeedOptions.Section));
        builder.Services.AddScoped<DatabaseInitializer>();
        return builder;
    }
}
