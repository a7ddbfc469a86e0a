using System.Net;
using DreamX.Infrastructure.Outbound;
using DreamX.Tests.Support;

namespace DreamX.Tests.Infrastructure.Outbound;

/// <summary>SSRF rules: what the server may fetch, decided on resolved addresses (a fake DNS here).</summary>
public sealed class OutboundUrlGuardTests
{
    private readonly FakeDns _dns = new FakeDns()
        .Add("api.example.com", "93.184.216.34")
        .Add("localhost", "127.0.0.1", "::1")
        .Add("intranet.example.com", "10.1.2.3")
        .Add("metadata.google.internal", "169.254.169.254")
        .Add("sneaky.example.com", "93.184.216.34", "192.168.1.10")
        .Add("ollama.lan", "192.168.1.20");

    [Theory]
    [InlineData("http://127.0.0.1:11434/v1", "loopback")]
    [InlineData("http://localhost:8080/", "loopback")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "link-local")]
    [InlineData("http://metadata.google.internal/computeMetadata/v1/", "link-local")]
    [InlineData("http://10.0.0.5/", "private")]
    [InlineData("http://172.20.1.1/", "private")]
    [InlineData("http://192.168.0.1/", "private")]
    [InlineData("http://100.64.0.1/", "private")]
    [InlineData("http://0.0.0.0:5000/", "unspecified")]
    [InlineData("http://intranet.example.com/v1", "private")]
    [InlineData("http://sneaky.example.com/v1", "private")]
    [InlineData("http://2130706433/", "loopback")] // decimal 127.0.0.1
    [InlineData("http://0x7f000001/", "loopback")] // hex
    [InlineData("http://0177.0.0.1/", "loopback")] // octal
    [InlineData("http://0xA9.0xFE.0xA9.0xFE/", "link-local")] // hex dotted 169.254.169.254
    [InlineData("http://2852039166/latest/meta-data/", "link-local")] // decimal 169.254.169.254
    [InlineData("http://[::1]:8080/", "loopback")]
    [InlineData("http://[::ffff:127.0.0.1]/", "loopback")]
    [InlineData("http://[::ffff:a9fe:a9fe]/", "link-local")]
    [InlineData("http://[fd00:ec2::254]/", "private")] // AWS metadata over IPv6
    [InlineData("http://[fe80::1]/", "link-local")]
    [InlineData("http://[64:ff9b::7f00:1]/", "loopback")] // NAT64 of 127.0.0.1
    [InlineData("http://[2002:7f00:1::]/", "loopback")] // 6to4 of 127.0.0.1
    public async Task Internal_addresses_are_refused_in_every_spelling(string url, string kind)
    {
        var guard = TestOutbound.Guard(_dns);

        var refused = await Assert.ThrowsAsync<OutboundRefusedException>(() => guard.AddressesForAsync(new Uri(url), CancellationToken.None));

        Assert.Contains($"a {kind} address", refused.Message);
    }

    [Theory]
    [InlineData("https://api.example.com/v1")]
    [InlineData("http://93.184.216.34/v1")]
    [InlineData("https://[2606:4700:4700::1111]/")]
    public async Task Public_addresses_are_allowed(string url)
    {
        var addresses = await TestOutbound.Guard(_dns).AddressesForAsync(new Uri(url), CancellationToken.None);

        Assert.NotEmpty(addresses);
        Assert.All(addresses, a => Assert.Null(AddressRules.WhyRefused(a)));
    }

    [Theory]
    [InlineData("ftp://api.example.com/")]
    [InlineData("file:///etc/passwd")]
    [InlineData("http://user:pass@api.example.com/")]
    [InlineData("http://nowhere.invalid/")]
    public async Task Other_schemes_credentials_in_urls_and_unknown_hosts_are_refused(string url)
    {
        await Assert.ThrowsAsync<OutboundRefusedException>(() => TestOutbound.Guard(_dns).AddressesForAsync(new Uri(url), CancellationToken.None));
    }

    [Fact]
    public async Task An_allowlisted_host_may_be_internal_and_only_that_host()
    {
        var guard = TestOutbound.Guard(_dns, allowedHosts: ["ollama.lan", "127.0.0.1"]);

        Assert.Equal([IPAddress.Parse("192.168.1.20")], await guard.AddressesForAsync(new Uri("http://OLLAMA.lan:11434/v1"), CancellationToken.None));
        Assert.Single(await guard.AddressesForAsync(new Uri("http://127.0.0.1:11434/v1"), CancellationToken.None));
        await Assert.ThrowsAsync<OutboundRefusedException>(() => guard.AddressesForAsync(new Uri("http://localhost:11434/v1"), CancellationToken.None));
        await Assert.ThrowsAsync<OutboundRefusedException>(() => guard.AddressesForAsync(new Uri("http://169.254.169.254/"), CancellationToken.None));
    }

    [Fact]
    public async Task The_admin_form_check_names_internal_hosts_but_lets_unresolvable_ones_pass_to_the_call_time_check()
    {
        var guard = TestOutbound.Guard(_dns);

        Assert.NotNull(await guard.WhyInternalAsync(new Uri("http://intranet.example.com/v1"), CancellationToken.None));
        Assert.Null(await guard.WhyInternalAsync(new Uri("https://api.example.com/v1"), CancellationToken.None));
        Assert.Null(await guard.WhyInternalAsync(new Uri("https://not-yet-in-dns.example.com/v1"), CancellationToken.None));
    }
}
