using Microsoft.AspNetCore.Identity;

namespace DreamX.Infrastructure.Identity.Passwords;

/// <summary>Applies <see cref="PasswordPolicy"/> wherever Identity sets a password (register, reset, change).</summary>
public sealed class StudioPasswordValidator : IPasswordValidator<ApplicationUser>
{
    public const string TooLongCode = "PasswordTooLong";
    public const string TooCommonCode = "PasswordTooCommon";

    public Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user, string? password) =>
        Task.FromResult(PasswordPolicy.Check(password) switch
        {
            PasswordProblem.TooLong => IdentityResult.Failed(new IdentityError
            {
                Code = TooLongCode,
                Description = $"Passwords can be at most {PasswordPolicy.MaxLength} characters long.",
            }),
            PasswordProblem.TooCommon => IdentityResult.Failed(new IdentityError
            {
                Code = TooCommonCode,
                Description = "This password is one of the most common ones and easy to guess; choose another.",
            }),
            // Too short is Identity's own RequiredLength check.
            _ => IdentityResult.Success,
        });
}
