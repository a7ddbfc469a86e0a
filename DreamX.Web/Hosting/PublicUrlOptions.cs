namespace DreamX.Web.Hosting;

/// <summary>
/// Where creators reach the studio. Links that leave the request (password-reset e-mails, share links)
/// are built from this address, never from the request's Host header, which the sender controls.
/// </summary>
public sealed class PublicUrlOptions
{
    public const string Section = "Studio";

    /// <summary>The absolute http(s) address of the studio as creators see it, e.g. <c>https://studio.example.com</c>.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>The configured address as a base URI, or null when none (or an unusable one) is configured.</summary>
    public Uri? BaseUri =>
        Uri.TryCreate(PublicUrl?.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment)
            ? uri
            : null;

    /// <summary>Hosts the studio answers to: the public host and the loopback names (health checks, the local demo).</summary>
    public IReadOnlyList<string> AllowedHosts()
    {
        var hosts = new List<string> { "localhost", "127.0.0.1", "[::1]" };
        if (BaseUri is { } uri && !hosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase))
            hosts.Insert(0, uri.Host);
        return hosts;
    }
}
