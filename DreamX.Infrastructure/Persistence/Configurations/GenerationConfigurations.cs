using DreamX.Domain.Generation;
using DreamX.Domain.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DreamX.Infrastructure.Persistence.Configurations;

internal sealed class GenerationTaskConfiguration : IEntityTypeConfiguration<GenerationTask>
{
    public void Configure(EntityTypeBuilder<GenerationTask> task)
    {
        task.HasKey(t => t.Id);
        task.Ignore(t => t.IsFinished);
        task.Property(t => t.OwnerId).HasMaxLength(450).IsRequired();
        task.Property(t => t.InputsHash).HasMaxLength(64);
        task.Property(t => t.ProgressMessage).HasMaxLength(300);
        task.Property(t => t.Error).HasMaxLength(2000);
        task.Property(t => t.Provider).HasMaxLength(80);
        task.Property(t => t.Model).HasMaxLength(120);
        task.Property(t => t.WorkerId).HasMaxLength(120);
        task.Property(t => t.RemoteProvider).HasMaxLength(80);
        task.Property(t => t.RemoteJobId).HasMaxLength(200);
        task.HasIndex(t => new { t.RemoteProvider, t.RemoteJobId }).HasFilter("remote_job_id IS NOT NULL"); // completion callbacks
        task.Property(t => t.ProviderCost).HasPrecision(12, 6);
        task.Property(t => t.InputJson).HasColumnType("jsonb");
        task.Property(t => t.ResultJson).HasColumnType("jsonb");
        task.Property(t => t.RowVersion).IsRowVersion();
        task.HasOne<Project>().WithMany().HasForeignKey(t => t.ProjectId).OnDelete(DeleteBehavior.Cascade);
        task.HasMany(t => t.DependsOn).WithOne().HasForeignKey(d => d.TaskId).OnDelete(DeleteBehavior.Cascade);

        task.HasIndex(t => new { t.OwnerId, t.CreatedAt });                 // task center
        task.HasIndex(t => new { t.ProjectId, t.Status });                  // canvas progress
        task.HasIndex(t => new { t.TargetId, t.CreatedAt });                // a node's latest task
        task.HasIndex(t => new { t.InputsHash, t.Provider, t.Model })       // result cache
            .HasFilter("status = 'Succeeded'");
        task.HasIndex(t => new { t.Status, t.CreatedAt });                  // dashboards, queue depth
        task.HasIndex(t => t.LeaseExpiresAt).HasFilter("status = 'Running'"); // the sweeper's expired claims
    }
}

internal sealed class TaskDependencyConfiguration : IEntityTypeConfiguration<TaskDependency>
{
    public void Configure(EntityTypeBuilder<TaskDependency> dependency)
    {
        dependency.HasKey(d => new { d.TaskId, d.DependsOnTaskId });
        dependency.HasOne<GenerationTask>().WithMany().HasForeignKey(d => d.DependsOnTaskId).OnDelete(DeleteBehavior.Cascade);
        dependency.HasIndex(d => d.DependsOnTaskId);                         // who waits on me
    }
}

internal sealed class ProviderConfigConfiguration : IEntityTypeConfiguration<ProviderConfig>
{
    public void Configure(EntityTypeBuilder<ProviderConfig> provider)
    {
        provider.HasKey(p => p.Id);
        provider.Property(p => p.Name).HasMaxLength(80).IsRequired();
        provider.HasIndex(p => p.Name).IsUnique();
        provider.Property(p => p.BaseUrl).HasMaxLength(500);
        provider.Property(p => p.TextModel).HasMaxLength(120);
        provider.Property(p => p.ImageModel).HasMaxLength(120);
        provider.Property(p => p.SpeechModel).HasMaxLength(120);
        provider.Property(p => p.ClipModel).HasMaxLength(120);
        provider.Property(p => p.VideoModel).HasMaxLength(120);
        provider.Property(p => p.VideoSettings).HasJsonConversion();
        provider.Property(p => p.Prices).HasJsonConversion();
    }
}

internal sealed class PromptTemplateConfiguration : IEntityTypeConfiguration<PromptTemplate>
{
    public void Configure(EntityTypeBuilder<PromptTemplate> template)
    {
        template.HasKey(t => t.Id);
        template.Property(t => t.Genre).HasMaxLength(40);
        template.Property(t => t.Language).HasMaxLength(10);
        template.Property(t => t.UpdatedBy).HasMaxLength(450);
        template.HasIndex(t => new { t.Stage, t.Genre, t.Language }).IsUnique().AreNullsDistinct(false);
    }
}
