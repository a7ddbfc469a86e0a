using System.Security.Claims;
using DreamX.Infrastructure.Identity;
using Microsoft.AspNetCore.Components.Authorization;

namespace DreamX.Web.Account;

/// <summary>Who is using this circuit: the signed-in user's id and roles, read from the authentication state.</summary>
public sealed class CurrentUser(AuthenticationStateProvider authentication)
{
    /// <returns>The user's id; pages that call this require a login, so a missing id is a programming error.</returns>
    public async Task<string> GetIdAsync()
    {
        var user = await GetPrincipalAsync();
        return user.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("No signed-in user on this circuit.");
    }

    public async Task<string?> FindIdAsync() => (await GetPrincipalAsync()).FindFirstValue(ClaimTypes.NameIdentifier);

    public async Task<bool> IsAdminAsync() => (await GetPrincipalAsync()).IsInRole(Roles.Admin);

    private async Task<ClaimsPrincipal> GetPrincipalAsync() => (await authentication.GetAuthenticationStateAsync()).User;
}
