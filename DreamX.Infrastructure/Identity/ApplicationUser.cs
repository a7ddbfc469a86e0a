using Microsoft.AspNetCore.Identity;

namespace DreamX.Infrastructure.Identity;

/// <summary>The sign-in identity; what the studio knows about the person lives in <see cref="Domain.Users.UserProfile"/>.</summary>
public sealed class ApplicationUser : IdentityUser
{
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
}
