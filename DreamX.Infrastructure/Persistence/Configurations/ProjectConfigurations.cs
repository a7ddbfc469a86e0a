using DreamX.Domain.Canvas;
using DreamX.Domain.Projects;
using DreamX.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DreamX.Infrastructure.Persistence.Configurations;

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> project)
    {
        project.HasKey(p => p.Id);
        project.Property(p => p.Title).HasMaxLength(Project.TitleMaxLength).IsRequired();
        project.Property(p => p.OwnerId).HasMaxLength(450).IsRequired();
        project.Property(p => p.CoverKey).HasMaxLength(512);
        project.Property(p => p.RowVersion).IsRowVersion();
        project.HasOne<ApplicationUser>().WithMany().HasForeignKey(p => p.OwnerId).OnDelete(DeleteBehavior.Cascade);
        project.HasOne(p => p.Checkpoint).WithOne().HasForeignKey<Checkpoint>(c => c.ProjectId).OnDelete(DeleteBehavior.Cascade);

        // The project list: a user's projects, newest activity first.
        project.HasIndex(p => new { p.OwnerId, p.UpdatedAt });
    }
}

internal sealed class CheckpointConfiguration : IEntityTypeConfiguration<Checkpoint>
{
    public void Configure(EntityTypeBuilder<Checkpoint> checkpoint)
    {
        checkpoint.ConfigureNode();
        checkpoint.HasIndex(c => c.ProjectId).IsUnique();
        checkpoint.Property(c => c.Language).HasMaxLength(10);
        checkpoint.Property(c => c.Idea).IsRequired();
        checkpoint.Property(c => c.Genre).HasMaxLength(40);
        checkpoint.Property(c => c.ImprovedBriefJson).HasColumnType("jsonb");
        checkpoint.Property(c => c.NoteTone).HasMaxLength(20);
        checkpoint.Property(c => c.SongKey).HasMaxLength(Domain.Storage.ObjectKey.MaxLength);
        checkpoint.Property(c => c.SongName).HasMaxLength(200);
        checkpoint.Property(c => c.SongAnalysisJson).HasColumnType("jsonb");
    }
}

internal sealed class ProjectCreatorEditConfiguration : IEntityTypeConfiguration<ProjectCreatorEdit>
{
    public void Configure(EntityTypeBuilder<ProjectCreatorEdit> edit)
    {
        edit.HasKey(e => e.ProjectId);
        edit.HasOne<Project>().WithMany().HasForeignKey(e => e.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NodeContentVersionConfiguration : IEntityTypeConfiguration<NodeContentVersion>
{
    public void Configure(EntityTypeBuilder<NodeContentVersion> version)
    {
        version.HasKey(v => v.Id);
        version.Property(v => v.ContentJson).HasColumnType("jsonb").IsRequired();
        version.Property(v => v.CreatedBy).HasMaxLength(450);
        version.HasIndex(v => new { v.NodeId, v.Version }).IsUnique();
        version.HasIndex(v => v.ProjectId);
        version.HasOne<Project>().WithMany().HasForeignKey(v => v.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CanvasNodePlacementConfiguration : IEntityTypeConfiguration<CanvasNodePlacement>
{
    public void Configure(EntityTypeBuilder<CanvasNodePlacement> placement)
    {
        placement.HasKey(p => new { p.ProjectId, p.NodeKey });
        placement.Property(p => p.NodeKey).HasMaxLength(100);
        placement.HasOne<Project>().WithMany().HasForeignKey(p => p.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}
