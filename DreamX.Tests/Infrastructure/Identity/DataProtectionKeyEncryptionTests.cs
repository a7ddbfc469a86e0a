using System.Security.Cryptography;
using DreamX.Infrastructure.Identity;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace DreamX.Tests.Infrastructure.Identity;

/// <summary>Data Protection keys are encrypted at rest with a certificate kept outside the key store (issue 17).</summary>
public sealed class DataProtectionKeyEncryptionTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dreamx-dp-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Certificate => Path.Combine(_folder, "secrets", "key-encryption.pfx");

    private IDataProtector Protector(string keys, string? certificate, string environment = "Development")
    {
        var settings = new Dictionary<string, string?>
        {
            [$"{DataProtectionKeyEncryption.Section}:CertificatePath"] = certificate,
            [$"{DataProtectionKeyEncryption.Section}:CertificatePassword"] = "correct horse",
            [$"{DataProtectionKeyEncryption.Section}:CreateIfMissing"] = "true",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddDataProtection()
            .SetApplicationName("DreamX.Studio")
            .PersistKeysToFileSystem(new DirectoryInfo(keys))
            .ProtectKeysFromConfiguration(configuration, new HostingEnvironment { EnvironmentName = environment });
        return services.BuildServiceProvider().GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
    }

    [Fact]
    public void A_stored_key_holds_its_secret_only_encrypted_and_another_instance_with_the_certificate_reads_it()
    {
        var keys = Path.Combine(_folder, "keys");
        var sealedText = Protector(keys, Certificate).Protect("provider key sk-123");

        var xml = File.ReadAllText(Directory.GetFiles(keys, "key-*.xml").Single());
        Assert.Contains("encryptedSecret", xml);
        Assert.DoesNotContain("<value>", xml);     // the unencrypted form of a master key
        Assert.Equal("provider key sk-123", Protector(keys, Certificate).Unprotect(sealedText));
    }

    [Fact]
    public void Without_the_certificate_the_stored_keys_open_nothing()
    {
        var keys = Path.Combine(_folder, "keys");
        var sealedText = Protector(keys, Certificate).Protect("cookie");
        File.Move(Certificate, Certificate + ".elsewhere");

        Assert.ThrowsAny<CryptographicException>(() => Protector(keys, null).Unprotect(sealedText));
    }

    [Fact]
    public async Task Two_instances_starting_together_make_one_certificate()
    {
        var made = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            DataProtectionKeyEncryption.LoadOrCreate(Certificate, "pw", createIfMissing: true).Thumbprint)));

        Assert.Single(made.Distinct());
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(Certificate)!));
    }

    [Fact]
    public void Production_refuses_to_start_with_keys_in_clear()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Protector(Path.Combine(_folder, "keys"), null, Environments.Production));
        Assert.Contains("CertificatePath", refused.Message);
    }
}
