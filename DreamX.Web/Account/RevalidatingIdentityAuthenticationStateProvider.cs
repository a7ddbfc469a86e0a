using System.Security.Claims;
using DreamX.Infrastructure.Identity;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DreamX.Web.Account;

/// <summary>
/// Re-checks the circuit's user every minute against the security stamp, so a locked-out
/// or password-changed user loses an open circuit too, not only new requests.
/// </summary>
internal sealed class RevalidatingIdentityAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopes,
    IOptions<IdentityOptions> options,
    IConfiguration configuration,
    ILogger<RevalidatingIdentityAuthenticationStateProvider> logger)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => SessionLifetime.StampCheck(configuration);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken cancellationToken)
    {
        try
        {
            return await IsStillValidAsync(state);
        }
        catch (Exception exception) when (exception is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException
                                              && !cancellationToken.IsCancellationRequested)
        {
            // The base class signs the circuit out when the check throws: a database blip must not log every
            // open page out. The user stays until the next check can answer.
            logger.LogWarning("The session check could not reach the database; kept until the next check: {Error}", exception.GetBaseException().Message);
            return true;
        }
    }

    private async Task<bool> IsStillValidAsync(AuthenticationState state)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.GetUserAsync(state.User);
        if (user is null || await users.IsLockedOutAsync(user))
            return false;
        if (!users.SupportsUserSecurityStamp)
            return true;

        var principalStamp = state.User.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
        return principalStamp == await users.GetSecurityStampAsync(user);
    }
}
