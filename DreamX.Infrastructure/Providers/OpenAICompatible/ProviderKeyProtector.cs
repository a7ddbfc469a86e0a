using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace DreamX.Infrastructure.Providers.OpenAICompatible;

/// <summary>
/// Encrypts provider API keys at rest with ASP.NET Data Protection (its key ring lives in the database, so every
/// instance can read what another one stored).
/// </summary>
public sealed class ProviderKeyProtector(IDataProtectionProvider dataProtection)
{
    public const string Purpose = "DreamX.ProviderKeys";

    private readonly IDataProtector _protector = dataProtection.CreateProtector(Purpose);

    public string Protect(string apiKey) => _protector.Protect(apiKey);

    /// <summary>The clear key, or null when there is none or it cannot be read (key ring lost or tampered).</summary>
    public string? TryUnprotect(string? protectedKey)
    {
        if (string.IsNullOrEmpty(protectedKey))
            return null;
        try
        {
            return _protector.Unprotect(protectedKey);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
