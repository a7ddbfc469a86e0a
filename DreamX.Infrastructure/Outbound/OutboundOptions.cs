namespace DreamX.Infrastructure.Outbound;

/// <summary>
/// Rules for every URL the server fetches ("Providers:Outbound"): which hosts may be reached although they resolve to
/// loopback or private addresses (a local model server), how many redirects are followed and how much is downloaded.
/// </summary>
public sealed class OutboundOptions
{
    public const string Section = "Providers:Outbound";

    /// <summary>
    /// Host names or IP literals (as written in a URL, any port) that may point at loopback, private or link-local
    /// addresses, e.g. <c>127.0.0.1</c> or <c>ollama.internal</c> for a model server beside the studio. Empty by default.
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>Redirects followed for downloads (each hop checked); provider API calls follow none.</summary>
    public int MaxRedirects { get; set; } = 3;

    /// <summary>The largest body read from a provider (an image, a speech file, a JSON answer).</summary>
    public long MaxDownloadBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>How long a host name may take to resolve.</summary>
    public TimeSpan ResolveTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The setting a refusal names as the way to allow a host (webhooks have their own).</summary>
    public string AllowlistSetting { get; set; } = Section + ":AllowedHosts";
}
