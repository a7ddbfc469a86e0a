using DreamX.Domain.Assets;
using DreamX.Domain.Canvas;
using DreamX.Domain.Characters;
using DreamX.Domain.Credits;
using DreamX.Domain.Events;
using DreamX.Domain.Generation;
using DreamX.Domain.Media;
using DreamX.Domain.Projects;
using DreamX.Domain.Scripts;
using DreamX.Domain.Stories;
using DreamX.Domain.Subscriptions;
using DreamX.Domain.Users;
using DreamX.Domain.Webhooks;
using DreamX.Infrastructure.Identity;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Infrastructure.Persistence;

/// <summary>The studio's database: identity, the project graph, generation, credits and assets.</summary>
public sealed class DreamXDbContext(DbContextOptions<DreamXDbContext> options)
    : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    public DbSet<UserProfile> UserProfiles => Set<UserProfile>();
    public DbSet<PersonalAccessToken> PersonalAccessTokens => Set<PersonalAccessToken>();

    public DbSet<Project> Projects => Set<Project>();
    public DbSet<Checkpoint> Checkpoints => Set<Checkpoint>();
    public DbSet<StoryBible> StoryBibles => Set<StoryBible>();
    public DbSet<Character> Characters => Set<Character>();
    public DbSet<Episode> Episodes => Set<Episode>();
    public DbSet<Scene> Scenes => Set<Scene>();
    public DbSet<Shot> Shots => Set<Shot>();
    public DbSet<Composition> Compositions => Set<Composition>();
    public DbSet<CompositionRender> CompositionRenders => Set<CompositionRender>();
    public DbSet<EpisodeTranslation> EpisodeTranslations => Set<EpisodeTranslation>();
    public DbSet<NodeContentVersion> NodeContentVersions => Set<NodeContentVersion>();
    public DbSet<CanvasNodePlacement> CanvasNodePlacements => Set<CanvasNodePlacement>();
    public DbSet<ProjectCreatorEdit> ProjectCreatorEdits => Set<ProjectCreatorEdit>();
    public DbSet<DreamX.Domain.Notes.Note> Notes => Set<DreamX.Domain.Notes.Note>();
    public DbSet<DreamX.Domain.Notes.NotePage> NotePages => Set<DreamX.Domain.Notes.NotePage>();
    public DbSet<DreamX.Domain.Notes.NotePost> NotePosts => Set<DreamX.Domain.Notes.NotePost>();
    public DbSet<DreamX.Domain.MusicVideos.SongMap> SongMaps => Set<DreamX.Domain.MusicVideos.SongMap>();

    public DbSet<MediaObject> MediaObjects => Set<MediaObject>();

    public DbSet<GenerationTask> GenerationTasks => Set<GenerationTask>();
    public DbSet<TaskDependency> TaskDependencies => Set<TaskDependency>();
    public DbSet<ProviderConfig> ProviderConfigs => Set<ProviderConfig>();
    public DbSet<PromptTemplate> PromptTemplates => Set<PromptTemplate>();

    public DbSet<CreditWallet> CreditWallets => Set<CreditWallet>();
    public DbSet<CreditLedgerEntry> CreditLedger => Set<CreditLedgerEntry>();
    public DbSet<DreamX.Domain.Audit.AuditEntry> AuditEntries => Set<DreamX.Domain.Audit.AuditEntry>();
    public DbSet<CreditPrice> CreditPrices => Set<CreditPrice>();
    public DbSet<DailyCheckIn> DailyCheckIns => Set<DailyCheckIn>();
    public DbSet<Subscription> Subscriptions => Set<Subscription>();

    public DbSet<VisualStyle> VisualStyles => Set<VisualStyle>();
    public DbSet<Voice> Voices => Set<Voice>();
    public DbSet<Showcase> Showcases => Set<Showcase>();
    public DbSet<MusicTrack> MusicTracks => Set<MusicTrack>();

    public DbSet<StudioEvent> EventLog => Set<StudioEvent>();
    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<WebhookAttempt> WebhookAttempts => Set<WebhookAttempt>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(DreamXDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name: readable in SQL and safe when members are added or reordered.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }
}
