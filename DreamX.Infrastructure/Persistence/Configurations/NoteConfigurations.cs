using DreamX.Domain.Notes;
using DreamX.Domain.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DreamX.Infrastructure.Persistence.Configurations;

internal sealed class NoteConfiguration : IEntityTypeConfiguration<Note>
{
    public void Configure(EntityTypeBuilder<Note> note)
    {
        note.ConfigureNode();
        note.HasIndex(n => n.ProjectId).IsUnique();
        note.HasOne<Project>().WithMany().HasForeignKey(n => n.ProjectId).OnDelete(DeleteBehavior.Cascade);
        note.Property(n => n.Hook).HasMaxLength(200);
        note.HasMany(n => n.Pages).WithOne().HasForeignKey(p => p.NoteId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NotePageConfiguration : IEntityTypeConfiguration<NotePage>
{
    public void Configure(EntityTypeBuilder<NotePage> page)
    {
        page.ConfigureNode();
        page.Ignore(p => p.IsCover);
        page.Property(p => p.Line).HasMaxLength(400);
        page.Property(p => p.Heading).HasMaxLength(200);
        page.Property(p => p.Text).HasMaxLength(600);
        page.Property(p => p.ImagePrompt).HasMaxLength(2000);
        page.Property(p => p.ImageKey).HasMaxLength(512);
        page.HasIndex(p => new { p.NoteId, p.Number }).IsUnique();
    }
}

internal sealed class NotePostConfiguration : IEntityTypeConfiguration<NotePost>
{
    public void Configure(EntityTypeBuilder<NotePost> post)
    {
        post.ConfigureNode();
        post.HasIndex(p => p.ProjectId).IsUnique();
        post.HasOne<Project>().WithMany().HasForeignKey(p => p.ProjectId).OnDelete(DeleteBehavior.Cascade);
        post.Property(p => p.Title).HasMaxLength(100);
        post.Property(p => p.Body).HasMaxLength(4000);
        post.Property(p => p.Hashtags).HasJsonConversion();
    }
}
