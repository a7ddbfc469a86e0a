using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace DreamX.Infrastructure.Outbound;

/// <summary>A fetch the studio refused to make, with the reason (safe to show an admin).</summary>
public sealed class OutboundRefusedException(string message) : Exception(message);

/// <summary>
/// Decides where the server may connect: a URL's host is resolved (through <see cref="IHostResolver"/>) and refused when
/// any of its addresses is loopback, private, link-local or otherwise internal (<see cref="AddressRules"/>), unless an
/// admin allowlisted the host (<see cref="OutboundOptions.AllowedHosts"/>). <see cref="OutboundHttp"/> connects only to
/// the addresses checked here, so a second DNS answer cannot point the connection elsewhere.
/// </summary>
public sealed class OutboundUrlGuard(IHostResolver resolver, IOptionsMonitor<OutboundOptions> options)
{
    /// <summary>Whether an admin allowed <paramref name="host"/> to be internal.</summary>
    public bool IsAllowlisted(string host)
    {
        var bare = Bare(host);
        return options.CurrentValue.AllowedHosts.Any(allowed => string.Equals(Bare(allowed.Trim()), bare, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Null when the server may fetch <paramref name="url"/>, else why not.</summary>
    public async Task<string?> WhyRefusedAsync(Uri url, CancellationToken cancellationToken)
    {
        try
        {
            await AddressesForAsync(url, cancellationToken);
            return null;
        }
        catch (OutboundRefusedException refused)
        {
            return refused.Message;
        }
    }

    /// <summary>The checked addresses of <paramref name="url"/>'s host, or <see cref="OutboundRefusedException"/>.</summary>
    public Task<IReadOnlyList<IPAddress>> AddressesForAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            throw new OutboundRefusedException($"Only http and https addresses are fetched, not '{Shorten(url.ToString())}'.");
        if (!string.IsNullOrEmpty(url.UserInfo))
            throw new OutboundRefusedException("Addresses with a user name or password in them are not fetched.");
        // Uri has already turned decimal, octal and hex forms (http://2130706433/, http://0x7f.1/) into dotted IPv4.
        return AddressesForHostAsync(url.IdnHost, cancellationToken);
    }

    /// <summary>The checked addresses of <paramref name="host"/> (a name or an IP literal), or <see cref="OutboundRefusedException"/>.</summary>
    public async Task<IReadOnlyList<IPAddress>> AddressesForHostAsync(string host, CancellationToken cancellationToken)
    {
        var bare = Bare(host);
        if (bare.Length == 0)
            throw new OutboundRefusedException("The address has no host.");
        var addresses = await ResolveAsync(bare, cancellationToken)
            ?? throw new OutboundRefusedException($"The host '{bare}' could not be resolved.");
        if (WhyInternal(bare, addresses) is { } refused)
            throw new OutboundRefusedException(refused);
        return addresses;
    }

    /// <summary>
    /// For an admin's form: why <paramref name="url"/> may not be used, when its host is (or resolves to) an internal
    /// address that is not allowlisted; null when it is public, allowlisted or cannot be resolved right now (the check
    /// at call time still applies).
    /// </summary>
    public async Task<string?> WhyInternalAsync(Uri url, CancellationToken cancellationToken)
    {
        var bare = Bare(url.IdnHost);
        if (bare.Length == 0)
            return null;
        return await ResolveAsync(bare, cancellationToken) is { } addresses ? WhyInternal(bare, addresses) : null;
    }

    private string? WhyInternal(string bare, IReadOnlyList<IPAddress> addresses)
    {
        if (IsAllowlisted(bare))
            return null;
        foreach (var address in addresses)
        {
            if (AddressRules.WhyRefused(address) is { } why)
            {
                return $"The host '{bare}' points at a {why} address ({address}); the studio does not fetch internal addresses "
                    + $"unless an admin allowlists the host ({options.CurrentValue.AllowlistSetting}).";
            }
        }
        return null;
    }

    private async Task<IPAddress[]?> ResolveAsync(string bare, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(bare, out var literal))
            return [literal];
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.CurrentValue.ResolveTimeout);
        try
        {
            var addresses = await resolver.ResolveAsync(bare, deadline.Token);
            return addresses.Length == 0 ? null : addresses;
        }
        catch (Exception ex) when (ex is SocketException or ArgumentException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return null;
        }
    }

    private static string Bare(string host) => host.Trim().TrimStart('[').TrimEnd(']').TrimEnd('.');

    private static string Shorten(string text) => text.Length > 80 ? text[..80] + "…" : text;
}
