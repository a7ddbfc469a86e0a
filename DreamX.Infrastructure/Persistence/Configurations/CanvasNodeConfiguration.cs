using DreamX.Domain.Canvas;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DreamX.Infrastructure.Persistence.Configurations;

/// <summary>The columns every canvas node shares: state, version, error and the xmin concurrency token.</summary>
internal static class CanvasNodeConfiguration
{
    public static void ConfigureNode<T>(this EntityTypeBuilder<T> node) where T : CanvasNode
    {
        node.HasKey(n => n.Id);
        node.Ignore(n => n.Kind);
        node.Property(n => n.LastError).HasMaxLength(2000);
        node.Property(n => n.RowVersion).IsRowVersion();
        node.HasIndex(n => n.ProjectId);
    }
}
