using DreamX.Domain.Projects;
using DreamX.Domain.Scripts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DreamX.Infrastructure.Persistence.Configurations;

internal sealed class EpisodeTranslationConfiguration : IEntityTypeConfiguration<EpisodeTranslation>
{
    public void Configure(EntityTypeBuilder<EpisodeTranslation> translation)
    {
        translation.ToTable("episode_translations");
        translation.HasKey(t => t.Id);
        translation.Property(t => t.Language).HasMaxLength(16).IsRequired();
        translation.Property(t => t.TranslatedBy).HasMaxLength(120);
        translation.Property(t => t.Lines).HasJsonConversion();
        translation.Property(t => t.Voices).HasJsonConversion();
        translation.Ignore(t => t.UntranslatedCount);
        translation.Ignore(t => t.IsVoiced);
        translation.HasIndex(t => new { t.EpisodeId, t.Language }).IsUnique();
        translation.HasIndex(t => t.ProjectId);
        translation.HasOne<Project>().WithMany().HasForeignKey(t => t.ProjectId).OnDelete(DeleteBehavior.Cascade);
        translation.HasOne<Episode>().WithMany().HasForeignKey(t => t.EpisodeId).OnDelete(DeleteBehavior.Cascade);
    }
}
