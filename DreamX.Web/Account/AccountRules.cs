using System.ComponentModel.DataAnnotations;

namespace DreamX.Web.Account;

/// <summary>Input checks shared by the account forms.</summary>
public static class AccountRules
{
    private static readonly EmailAddressAttribute Email = new();

    public static bool IsEmail(string? value) => !string.IsNullOrWhiteSpace(value) && Email.IsValid(value.Trim()) && value.Contains('.');

    /// <summary>Mirrors the Identity password options so the form says what is wrong before the server does.</summary>
    public static bool IsAcceptablePassword(string? value) =>
        value is { Length: >= 8 } && value.Any(char.IsDigit) && value.Any(char.IsLower);
}
