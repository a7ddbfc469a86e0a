using DreamX.Domain.Common;
using DreamX.Domain.Credits;
using Microsoft.Extensions.Options;
using DreamX.Domain.Users;
using DreamX.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;

namespace DreamX.Infrastructure.Identity;

/// <summary>Creating accounts: the identity, its role and the studio profile, together.</summary>
public sealed class UserAccounts(
    UserManager<ApplicationUser> users,
    DreamXDbContext db,
    ICreditLedger credits,
    IOptions<SignUpOptions> signUp)
{
    /// <summary>Registers a creator; on failure the reasons are Identity's (already localisable by code).</summary>
    public async Task<Result<ApplicationUser>> RegisterAsync(string email, string password, string? nickname, string role = Roles.User)
    {
        var user = new ApplicationUser { UserName = email.Trim(), Email = email.Trim() };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
            return Result.Failure<ApplicationUser>(string.Join(" ", created.Errors.Select(e => e.Description)));

        var inRole = await users.AddToRoleAsync(user, role);
        if (!inRole.Succeeded)
            return Result.Failure<ApplicationUser>(string.Join(" ", inRole.Errors.Select(e => e.Description)));

        db.UserProfiles.Add(new UserProfile
        {
            UserId = user.Id,
            Nickname = string.IsNullOrWhiteSpace(nickname) ? email.Split('@')[0] : nickname.Trim(),
        });
        await db.SaveChangesAsync();

        // Keyed by the user, so a retried registration can never grant twice.
        if (signUp.Value.WelcomeCredits > 0)
            await credits.PostAsync(user.Id, CreditEntryKind.Earned, signUp.Value.WelcomeCredits, $"welcome:{user.Id}", "Welcome credits");
        return user;
    }
}
