using DreamX.Domain.Assets;
using DreamX.Domain.Media;
using DreamX.Domain.Users;
using DreamX.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DreamX.Infrastructure.Persistence.Configurations;

internal sealed class VisualStyleConfiguration : IEntityTypeConfiguration<VisualStyle>
{
    public void Configure(EntityTypeBuilder<VisualStyle> style)
    {
        style.HasKey(s => s.Id);
        style.Property(s => s.Title).HasMaxLength(VisualStyle.TitleMaxLength).IsRequired();
        style.Property(s => s.Type).HasMaxLength(VisualStyle.TypeMaxLength);
        style.Property(s => s.Description).HasMaxLength(VisualStyle.DescriptionMaxLength);
        style.Property(s => s.PromptFragment).HasMaxLength(VisualStyle.PromptFragmentMaxLength);
        style.Property(s => s.Palette).HasJsonConversion();
        style.Property(s => s.SampleImageKey).HasMaxLength(512);
        style.HasIndex(s => s.Title).IsUnique();
    }
}

internal sealed class VoiceConfiguration : IEntityTypeConfiguration<Voice>
{
    public void Configure(EntityTypeBuilder<Voice> voice)
    {
        voice.HasKey(v => v.Id);
        voice.Property(v => v.Name).HasMaxLength(Voice.NameMaxLength).IsRequired();
        voice.Property(v => v.Language).HasMaxLength(10);
        voice.Property(v => v.AgeRange).HasMaxLength(Voice.AgeRangeMaxLength);
        voice.Property(v => v.Description).HasMaxLength(Voice.DescriptionMaxLength);
        voice.Property(v => v.EngineVoice).HasMaxLength(Voice.EngineVoiceMaxLength);
        voice.Property(v => v.EngineVariant).HasMaxLength(Voice.EngineVariantMaxLength);
        voice.Property(v => v.SampleAudioKey).HasMaxLength(512);
        voice.HasIndex(v => new { v.Language, v.Name }).IsUnique();
    }
}

internal sealed class ShowcaseConfiguration : IEntityTypeConfiguration<Showcase>
{
    public void Configure(EntityTypeBuilder<Showcase> showcase)
    {
        showcase.HasKey(s => s.Id);
        showcase.Property(s => s.Title).HasMaxLength(Showcase.TitleMaxLength).IsRequired();
        showcase.Property(s => s.Description).HasMaxLength(Showcase.DescriptionMaxLength);
        showcase.Property(s => s.CoverKey).HasMaxLength(512);
        showcase.Property(s => s.VideoKey).HasMaxLength(512);
        showcase.Property(s => s.SubmittedBy).HasMaxLength(450);
        showcase.Property(s => s.ReviewedBy).HasMaxLength(450);
        showcase.Property(s => s.ReviewNote).HasMaxLength(Showcase.ReviewNoteMaxLength);
        showcase.Property(s => s.Languages).HasJsonConversion();
        showcase.Property(s => s.Note).HasJsonConversion();
        showcase.HasIndex(s => new { s.Status, s.SortOrder });              // the public gallery
    }
}

internal sealed class MusicTrackConfiguration : IEntityTypeConfiguration<MusicTrack>
{
    public void Configure(EntityTypeBuilder<MusicTrack> track)
    {
        track.HasKey(t => t.Id);
        track.Property(t => t.Title).HasMaxLength(120).IsRequired();
        track.Property(t => t.Mood).HasMaxLength(40);
        track.Property(t => t.AudioKey).HasMaxLength(512).IsRequired();
        track.Property(t => t.DurationSeconds).HasPrecision(8, 2);
    }
}

internal sealed class MediaObjectConfiguration : IEntityTypeConfiguration<MediaObject>
{
    public void Configure(EntityTypeBuilder<MediaObject> media)
    {
        media.HasKey(m => m.Id);
        media.Property(m => m.Key).HasMaxLength(512).IsRequired();
        media.HasIndex(m => m.Key).IsUnique();
        media.HasIndex(m => m.ProjectId);
        media.Property(m => m.OwnerId).HasMaxLength(450);
        media.Property(m => m.ContentType).HasMaxLength(100);
        media.Property(m => m.Sha256).HasMaxLength(64);
        media.Property(m => m.DurationSeconds).HasPrecision(10, 3);
    }
}

internal sealed class UserProfileConfiguration : IEntityTypeConfiguration<UserProfile>
{
    public void Configure(EntityTypeBuilder<UserProfile> profile)
    {
        profile.HasKey(p => p.UserId);
        profile.Property(p => p.Nickname).HasMaxLength(UserProfile.NicknameMaxLength);
        profile.Property(p => p.AvatarKey).HasMaxLength(512);
        profile.Property(p => p.TimeZoneId).HasMaxLength(64);
        profile.Property(p => p.Culture).HasMaxLength(10);
        profile.HasOne<ApplicationUser>().WithOne().HasForeignKey<UserProfile>(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PersonalAccessTokenConfiguration : IEntityTypeConfiguration<PersonalAccessToken>
{
    public void Configure(EntityTypeBuilder<PersonalAccessToken> token)
    {
        token.HasKey(t => t.Id);
        token.Property(t => t.Name).HasMaxLength(80);
        token.Property(t => t.TokenHash).HasMaxLength(64).IsRequired();
        token.Property(t => t.Prefix).HasMaxLength(12);
        token.Property(t => t.Scopes).HasMaxLength(40).IsRequired();
        token.HasIndex(t => t.TokenHash).IsUnique();
        token.HasIndex(t => t.UserId);
        token.HasOne<ApplicationUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
