using DreamX.Domain.MusicVideos;
using DreamX.Domain.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DreamX.Infrastructure.Persistence.Configurations;

internal sealed class SongMapConfiguration : IEntityTypeConfiguration<SongMap>
{
    public void Configure(EntityTypeBuilder<SongMap> map)
    {
        map.ConfigureNode();
        map.HasIndex(m => m.ProjectId).IsUnique();
        map.HasOne<Project>().WithMany().HasForeignKey(m => m.ProjectId).OnDelete(DeleteBehavior.Cascade);
        map.Property(m => m.Sections).HasJsonConversion();
    }
}
