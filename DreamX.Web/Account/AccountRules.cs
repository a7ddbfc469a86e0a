using System.ComponentModel.DataAnnotations;
using DreamX.Infrastructure.Identity.Passwords;
using DreamX.Web.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace DreamX.Web.Account;

/// <summary>Input checks shared by the account forms.</summary>
public static class AccountRules
{
    private static readonly EmailAddressAttribute Email = new();

    public static bool IsEmail(string? value) => !string.IsNullOrWhiteSpace(value) && Email.IsValid(value.Trim()) && value.Contains('.');

    /// <summary>The same rule the server applies, so the form says what is wrong before the server does.</summary>
    public static PasswordProblem CheckPassword(string? value) => PasswordPolicy.Check(value);

    /// <summary>What the account forms say about a proposed password; null when it is acceptable.</summary>
    public static string? PasswordMessage(string? value, IStringLocalizer<AppText> text) => CheckPassword(value) switch
    {
        PasswordProblem.None => null,
        PasswordProblem.TooCommon => text["Account.PasswordTooCommon"].Value,
        _ => text["Account.PasswordRules"].Value,
    };

    private static readonly Lazy<string> DecoyHash = new(() =>
        new PasswordHasher<object>().HashPassword(new object(), Guid.NewGuid().ToString("N")));

    /// <summary>Checks a password against a decoy hash: a login for an unknown address takes as long as a wrong password.</summary>
    public static void SpendPasswordCheck<TUser>(IPasswordHasher<TUser> hasher, string password) where TUser : class =>
        hasher.VerifyHashedPassword(null!, DecoyHash.Value, password);

    /// <summary>Whether a failed Identity result was the common-password check.</summary>
    public static bool IsTooCommon(IdentityResult result) =>
        result.Errors.Any(e => e.Code == StudioPasswordValidator.TooCommonCode);
}
