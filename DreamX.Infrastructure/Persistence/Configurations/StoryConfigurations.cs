using DreamX.Domain.Characters;
using DreamX.Domain.Projects;
using DreamX.Domain.Scripts;
using DreamX.Domain.Stories;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DreamX.Infrastructure.Persistence.Configurations;

internal sealed class StoryBibleConfiguration : IEntityTypeConfiguration<StoryBible>
{
    public void Configure(EntityTypeBuilder<StoryBible> bible)
    {
        bible.ConfigureNode();
        bible.HasIndex(b => b.ProjectId).IsUnique();
        bible.HasOne<Project>().WithMany().HasForeignKey(b => b.ProjectId).OnDelete(DeleteBehavior.Cascade);
        bible.Property(b => b.Genre).HasMaxLength(40);
        bible.Property(b => b.Themes).HasJsonConversion();
        bible.Property(b => b.EpisodePlan).HasJsonConversion();
    }
}

internal sealed class CharacterConfiguration : IEntityTypeConfiguration<Character>
{
    public void Configure(EntityTypeBuilder<Character> character)
    {
        character.ConfigureNode();
        character.HasOne<Project>().WithMany().HasForeignKey(c => c.ProjectId).OnDelete(DeleteBehavior.Cascade);
        character.Property(c => c.Key).HasMaxLength(60).IsRequired();
        character.Property(c => c.Name).HasMaxLength(60).IsRequired();
        character.Property(c => c.Occupation).HasMaxLength(80);
        character.Property(c => c.PortraitKey).HasMaxLength(512);
        character.Property(c => c.ReferenceKeys).HasJsonConversion();
        character.HasIndex(c => new { c.ProjectId, c.Key }).IsUnique();
        character.HasOne<Domain.Assets.Voice>().WithMany().HasForeignKey(c => c.VoiceId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class EpisodeConfiguration : IEntityTypeConfiguration<Episode>
{
    public void Configure(EntityTypeBuilder<Episode> episode)
    {
        episode.ConfigureNode();
        episode.HasOne<Project>().WithMany().HasForeignKey(e => e.ProjectId).OnDelete(DeleteBehavior.Cascade);
        episode.Property(e => e.Title).HasMaxLength(120);
        episode.HasIndex(e => new { e.ProjectId, e.Number }).IsUnique();
        episode.HasMany(e => e.Scenes).WithOne().HasForeignKey(s => s.EpisodeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SceneConfiguration : IEntityTypeConfiguration<Scene>
{
    public void Configure(EntityTypeBuilder<Scene> scene)
    {
        scene.ConfigureNode();
        scene.Ignore(s => s.Heading);
        scene.Property(s => s.Location).HasMaxLength(120);
        scene.Property(s => s.ActionLines).HasJsonConversion();
        scene.Property(s => s.Lines).HasJsonConversion();
        scene.Property(s => s.Design).HasJsonConversion();
        scene.Property(s => s.KeyArtKey).HasMaxLength(512);
        scene.HasIndex(s => new { s.EpisodeId, s.Number }).IsUnique();
        scene.HasMany(s => s.Shots).WithOne().HasForeignKey(s => s.SceneId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ShotConfiguration : IEntityTypeConfiguration<Shot>
{
    public void Configure(EntityTypeBuilder<Shot> shot)
    {
        shot.ConfigureNode();
        shot.Property(s => s.DurationSeconds).HasPrecision(6, 2);
        shot.Property(s => s.AudioDurationSeconds).HasPrecision(6, 2);
        shot.Property(s => s.CharacterKeys).HasJsonConversion();
        shot.Property(s => s.SpokenLine).HasJsonConversion();
        shot.Property(s => s.ImageKey).HasMaxLength(512);
        shot.Property(s => s.ClipKey).HasMaxLength(512);
        shot.Property(s => s.AudioKey).HasMaxLength(512);
        // Not unique: reordering swaps orders inside one transaction.
        shot.HasIndex(s => new { s.SceneId, s.Order });
    }
}

internal sealed class CompositionConfiguration : IEntityTypeConfiguration<Composition>
{
    public void Configure(EntityTypeBuilder<Composition> composition)
    {
        composition.ConfigureNode();
        composition.HasIndex(c => c.EpisodeId).IsUnique();
        composition.HasOne<Episode>().WithMany().HasForeignKey(c => c.EpisodeId).OnDelete(DeleteBehavior.Cascade);
        composition.HasOne<Domain.Assets.MusicTrack>().WithMany().HasForeignKey(c => c.MusicTrackId).OnDelete(DeleteBehavior.SetNull);
        composition.Property(c => c.Language).HasMaxLength(16);
        composition.HasMany(c => c.Renders).WithOne().HasForeignKey(r => r.CompositionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CompositionRenderConfiguration : IEntityTypeConfiguration<CompositionRender>
{
    public void Configure(EntityTypeBuilder<CompositionRender> render)
    {
        render.HasKey(r => r.Id);
        render.Property(r => r.VideoKey).HasMaxLength(512).IsRequired();
        render.Property(r => r.SubtitlesKey).HasMaxLength(512);
        render.Property(r => r.CoverKey).HasMaxLength(512);
        render.Property(r => r.TimelineKey).HasMaxLength(512);
        render.Property(r => r.DraftKey).HasMaxLength(512);
        render.Property(r => r.Language).HasMaxLength(16);
        render.Property(r => r.DurationSeconds).HasPrecision(8, 3);
        render.HasIndex(r => new { r.CompositionId, r.Version }).IsUnique();
    }
}
