using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace DreamX.Web.Hosting;

/// <summary>
/// Absolute links to the studio for e-mails and anything else read outside the current request.
/// The base is <see cref="PublicUrlOptions.PublicUrl"/>; without it (development, tests) the address
/// Kestrel actually listens on, when that is a concrete host. The request's Host header is never used.
/// </summary>
public sealed class PublicLinks(IOptions<PublicUrlOptions> options, IServer server)
{
    public Uri To(string pathAndQuery)
    {
        var baseUri = options.Value.BaseUri ?? ListeningAddress()
            ?? throw new InvalidOperationException(
                $"{PublicUrlOptions.Section}:{nameof(PublicUrlOptions.PublicUrl)} is not configured and the server listens on no concrete address.");
        var root = baseUri.AbsoluteUri.TrimEnd('/');
        return new Uri(root + "/" + pathAndQuery.TrimStart('/'));
    }

    private Uri? ListeningAddress()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            // "http://+:80", "http://*:80" and "http://[::]:80" name no host a browser could reach.
            var normalized = address.Replace("://+", "://wildcard.invalid").Replace("://*", "://wildcard.invalid");
            if (Uri.TryCreate(normalized, UriKind.Absolute, out var uri)
                && uri.Host != "wildcard.invalid" && uri.Host != "[::]" && uri.Host != "0.0.0.0")
                return uri;
        }
        return null;
    }
}
