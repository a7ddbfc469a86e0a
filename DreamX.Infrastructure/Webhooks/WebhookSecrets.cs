using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace DreamX.Infrastructure.Webhooks;

/// <summary>Makes endpoint secrets and keeps them encrypted with Data Protection (keys in the database, shared by every instance).</summary>
public sealed class WebhookSecrets(IDataProtectionProvider dataProtection)
{
    public const string Purpose = "DreamX.WebhookSecrets";
    public const string Prefix = "whsec_";

    private readonly IDataProtector _protector = dataProtection.CreateProtector(Purpose);

    public static string NewSecret() => Prefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public string Protect(string secret) => _protector.Protect(secret);

    /// <summary>The clear secret, or null when it cannot be read (key ring lost or tampered).</summary>
    public string? TryUnprotect(string protectedSecret)
    {
        try
        {
            return _protector.Unprotect(protectedSecret);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
