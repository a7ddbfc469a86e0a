using DreamX.Domain.Credits;
using DreamX.Domain.Subscriptions;
using DreamX.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DreamX.Infrastructure.Persistence.Configurations;

internal sealed class CreditWalletConfiguration : IEntityTypeConfiguration<CreditWallet>
{
    public void Configure(EntityTypeBuilder<CreditWallet> wallet)
    {
        wallet.HasKey(w => w.UserId);
        wallet.Property(w => w.RowVersion).IsRowVersion();
        wallet.HasOne<ApplicationUser>().WithOne().HasForeignKey<CreditWallet>(w => w.UserId).OnDelete(DeleteBehavior.Cascade);
        // The last line of defence: no code path can take a wallet below zero.
        wallet.ToTable(t =>
        {
            t.HasCheckConstraint("ck_credit_wallets_balance_non_negative", "balance >= 0");
            t.HasCheckConstraint("ck_credit_wallets_reserved_non_negative", "reserved >= 0");
        });
    }
}

internal sealed class CreditLedgerEntryConfiguration : IEntityTypeConfiguration<CreditLedgerEntry>
{
    public void Configure(EntityTypeBuilder<CreditLedgerEntry> entry)
    {
        entry.ToTable("credit_ledger");
        entry.HasKey(e => e.Id);
        entry.Property(e => e.Id).UseIdentityAlwaysColumn();
        entry.Property(e => e.UserId).HasMaxLength(450).IsRequired();
        entry.Property(e => e.IdempotencyKey).HasMaxLength(200).IsRequired();
        entry.Property(e => e.Reason).HasMaxLength(500);
        entry.Property(e => e.ActorId).HasMaxLength(450);
        entry.HasIndex(e => e.IdempotencyKey).IsUnique();
        entry.HasIndex(e => new { e.UserId, e.CreatedAt });
        entry.HasIndex(e => e.TaskId);
        entry.HasOne<ApplicationUser>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CreditPriceConfiguration : IEntityTypeConfiguration<CreditPrice>
{
    public void Configure(EntityTypeBuilder<CreditPrice> price)
    {
        price.HasKey(p => new { p.TaskType, p.Quality });
        price.ToTable(t => t.HasCheckConstraint("ck_credit_prices_credits_non_negative", "credits >= 0"));
    }
}

internal sealed class DailyCheckInConfiguration : IEntityTypeConfiguration<DailyCheckIn>
{
    public void Configure(EntityTypeBuilder<DailyCheckIn> checkIn)
    {
        checkIn.HasKey(c => new { c.UserId, c.LocalDate });
        checkIn.HasOne<ApplicationUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> subscription)
    {
        subscription.HasKey(s => s.UserId);
        subscription.Ignore(s => s.Limits);
        subscription.Property(s => s.RowVersion).IsRowVersion();
        subscription.HasOne<ApplicationUser>().WithOne().HasForeignKey<Subscription>(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        subscription.HasIndex(s => new { s.Status, s.CurrentPeriodEnd });     // the renewal job's scan
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<DreamX.Domain.Audit.AuditEntry>
{
    public void Configure(EntityTypeBuilder<DreamX.Domain.Audit.AuditEntry> entry)
    {
        entry.ToTable("audit_log");
        entry.HasKey(e => e.Id);
        entry.Property(e => e.Id).UseIdentityAlwaysColumn();
        entry.Property(e => e.Action).HasMaxLength(64).IsRequired();
        // No foreign keys: the trail outlives the accounts it mentions.
        entry.Property(e => e.ActorId).HasMaxLength(450);
        entry.Property(e => e.TargetUserId).HasMaxLength(450);
        entry.Property(e => e.Subject).HasMaxLength(Audit.AuditTrail.SubjectMax);
        entry.Property(e => e.Details).HasMaxLength(Audit.AuditTrail.DetailsMax);
        entry.Property(e => e.IpAddress).HasMaxLength(64);
        entry.Property(e => e.CorrelationId).HasMaxLength(64);
        entry.HasIndex(e => e.At);
        entry.HasIndex(e => new { e.Action, e.At });
        entry.HasIndex(e => e.ActorId);
        entry.HasIndex(e => e.TargetUserId);
    }
}
