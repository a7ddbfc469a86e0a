using System.Security.Claims;
using DreamX.Web.Localization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;

namespace DreamX.Web.Hosting;

/// <summary>
/// The <see cref="RateLimitOptions.Upload"/> limit for files sent over a circuit (a script, a song, a character's
/// reference picture, an avatar, an admin's catalogue media), per signed-in user (else per client address).
/// Asked before the file is read: a refused upload is neither read nor stored.
/// </summary>
public sealed class UploadLimit(StudioRateLimits limits, AuthenticationStateProvider authentication, ClientAddress client, IStringLocalizer<AppText> text)
{
    /// <returns>Null when the upload may go on; else the message that names the wait.</returns>
    public async Task<string?> RefuseAsync()
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User.FindFirstValue(ClaimTypes.NameIdentifier);
        var decision = limits.TryAcquire(StudioRateLimits.Upload, user is not null ? "user:" + user : "address:" + client.Value);
        return decision.Allowed ? null : text["Limits.Upload", decision.RetryAfterSeconds].Value;
    }
}
