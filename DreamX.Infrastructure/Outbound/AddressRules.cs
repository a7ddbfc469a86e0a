using System.Net;
using System.Net.Sockets;

namespace DreamX.Infrastructure.Outbound;

/// <summary>
/// Which addresses a server-side fetch may never reach on its own: loopback, private networks, link-local (where cloud
/// metadata services live), carrier-grade NAT, multicast and reserved ranges, also when an IPv4 address hides inside an
/// IPv6 one (mapped, compatible, NAT64, 6to4).
/// </summary>
public static class AddressRules
{
    /// <summary>Null when <paramref name="address"/> is a public address, else what it is ("loopback", "private"...).</summary>
    public static string? WhyRefused(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetwork)
            return WhyRefusedV4(address.GetAddressBytes());
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            return "not an IP address";

        var bytes = address.GetAddressBytes();
        if (address.IsIPv4MappedToIPv6)
            return WhyRefusedV4(bytes[12..]);
        if (address.Equals(IPAddress.IPv6Loopback))
            return "loopback";
        if (address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6None))
            return "unspecified";
        if (bytes.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0)
            return WhyRefusedV4(bytes[12..]) ?? "reserved"; // IPv4-compatible ::a.b.c.d (deprecated)
        if (bytes[0] == 0x00 && bytes[1] == 0x64 && bytes[2] == 0xFF && bytes[3] == 0x9B && bytes.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
            return WhyRefusedV4(bytes[12..]); // NAT64 64:ff9b::/96
        if (bytes[0] == 0x20 && bytes[1] == 0x02)
            return WhyRefusedV4(bytes[2..6]); // 6to4 2002::/16
        if (bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0x00 && bytes[3] == 0x00)
            return "reserved"; // Teredo 2001::/32 tunnels to addresses we cannot see
        if (bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0x0D && bytes[3] == 0xB8)
            return "reserved"; // documentation 2001:db8::/32
        if (address.IsIPv6LinkLocal)
            return "link-local";
        if (address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal)
            return "private"; // fec0::/10, fc00::/7 (also fd00:ec2::254, a metadata address)
        if (address.IsIPv6Multicast)
            return "multicast";
        return null;
    }

    private static string? WhyRefusedV4(byte[] b) => b switch
    {
        [0, ..] => "unspecified",
        [10, ..] => "private",
        [100, >= 64 and <= 127, ..] => "private", // carrier-grade NAT
        [127, ..] => "loopback",
        [169, 254, ..] => "link-local", // 169.254.169.254: cloud metadata
        [172, >= 16 and <= 31, ..] => "private",
        [192, 0, 0, _] => "reserved",
        [192, 0, 2, _] or [198, 51, 100, _] or [203, 0, 113, _] => "reserved", // documentation
        [192, 168, ..] => "private",
        [198, 18 or 19, ..] => "reserved", // benchmarking
        [>= 224, ..] => "multicast or reserved",
        _ => null,
    };
}
