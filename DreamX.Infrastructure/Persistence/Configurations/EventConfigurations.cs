using DreamX.Domain.Events;
using DreamX.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DreamX.Infrastructure.Persistence.Configurations;

internal sealed class StudioEventConfiguration : IEntityTypeConfiguration<StudioEvent>
{
    public void Configure(EntityTypeBuilder<StudioEvent> e)
    {
        e.ToTable("event_log");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).UseIdentityAlwaysColumn();
        e.Property(x => x.UserId).HasMaxLength(450).IsRequired();
        e.Property(x => x.Type).HasMaxLength(40).IsRequired();
        e.Property(x => x.Payload).HasColumnType("jsonb").IsRequired();
        e.Property(x => x.CreatedAt).HasDefaultValueSql("now()");
        // No foreign keys: the log outlives a deleted project for its retention time and is written without joins.
        e.HasIndex(x => new { x.ProjectId, x.Id });     // a project's stream and its replay
        e.HasIndex(x => new { x.TaskId, x.Id });        // a task's stream
        e.HasIndex(x => x.CreatedAt);                   // the retention sweep
    }
}

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> e)
    {
        e.HasKey(x => x.Id);
        e.Property(x => x.UserId).HasMaxLength(450).IsRequired();
        e.Property(x => x.Url).HasMaxLength(WebhookEndpoint.UrlMaxLength).IsRequired();
        e.Property(x => x.Description).HasMaxLength(WebhookEndpoint.DescriptionMaxLength);
        e.Property(x => x.EventTypes).HasColumnType("text[]");
        e.Property(x => x.SecretProtected).IsRequired();
        e.Property(x => x.SecretPrefix).HasMaxLength(16);
        e.HasIndex(x => x.UserId);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> e)
    {
        e.HasKey(x => x.Id);
        e.Property(x => x.EventType).HasMaxLength(40).IsRequired();
        e.Property(x => x.Body).IsRequired();
        e.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(x => x.EndpointId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.EndpointId, x.CreatedAt });                          // the delivery log
        e.HasIndex(x => x.NextAttemptAt).HasFilter("status = 'Pending'");           // the sender's due work
    }
}

internal sealed class WebhookAttemptConfiguration : IEntityTypeConfiguration<WebhookAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookAttempt> e)
    {
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).UseIdentityAlwaysColumn();
        e.Property(x => x.Error).HasMaxLength(WebhookAttempt.ErrorMaxLength);
        e.HasOne<WebhookDelivery>().WithMany().HasForeignKey(x => x.DeliveryId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.DeliveryId, x.Id });
    }
}
