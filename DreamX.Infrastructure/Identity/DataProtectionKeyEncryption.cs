using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace DreamX.Infrastructure.Identity;

/// <summary>
/// Data Protection's master keys live in PostgreSQL beside the provider keys and cookies they protect; a database dump
/// alone must not open them. Each key is therefore encrypted with a key-encryption certificate kept outside the
/// database (a mounted secret in production, a file under <c>.data/</c> for the local demo).
/// </summary>
public static class DataProtectionKeyEncryption
{
    public const string Section = "DataProtection:KeyEncryption";

    /// <summary>
    /// Encrypts new keys with the configured certificate (<c>DataProtection:KeyEncryption:CertificatePath</c>, optional
    /// <c>CertificatePassword</c>; <c>CreateIfMissing</c> makes one on first start). Production refuses to start
    /// without one. Keys written before encryption was turned on stay readable and are replaced at their rotation.
    /// </summary>
    public static IDataProtectionBuilder ProtectKeysFromConfiguration(
        this IDataProtectionBuilder builder, IConfiguration configuration, IHostEnvironment environment)
    {
        var section = configuration.GetSection(Section);
        var path = section["CertificatePath"];
        if (string.IsNullOrWhiteSpace(path))
        {
            if (environment.IsProduction())
            {
                throw new InvalidOperationException(
                    $"{Section}:CertificatePath is required in Production: the Data Protection keys in the database must be encrypted at rest. " +
                    "Mount a PKCS#12 certificate there (or set CreateIfMissing=true to have one made on a persistent volume).");
            }
            return builder;
        }

        var certificate = LoadOrCreate(path, section["CertificatePassword"], section.GetValue("CreateIfMissing", false));
        return builder.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
    }

    /// <summary>
    /// Loads the certificate, or makes a self-signed one when allowed. Two instances starting together on one volume
    /// agree on one file: each writes its own under a temporary name and only the first link to the real name wins.
    /// </summary>
    public static X509Certificate2 LoadOrCreate(string path, string? password, bool createIfMissing)
    {
        if (!File.Exists(path))
        {
            if (!createIfMissing)
                throw new InvalidOperationException($"The key-encryption certificate {Path.GetFileName(path)} does not exist (set {Section}:CreateIfMissing=true to create it).");
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllBytes(temporary, Create(password));
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            try
            {
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temporary);
            }
        }
        return X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
    }

    private static byte[] Create(string? password)
    {
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest("CN=DreamX Studio key encryption", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(20));
        return certificate.Export(X509ContentType.Pkcs12, password);
    }
}
