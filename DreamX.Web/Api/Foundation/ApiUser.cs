using System.Security.Claims;

namespace DreamX.Web.Api.Foundation;

/// <summary>The caller of an API endpoint (authenticated by its access token).</summary>
public static class ApiUser
{
    /// <summary>The token owner's user id; every API endpoint requires a token, so a missing id is a programming error.</summary>
    public static string UserId(this HttpContext http) =>
        http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("No authenticated API caller.");

    public static bool IsAdmin(this HttpContext http) => http.User.IsInRole(Infrastructure.Identity.Roles.Admin);
}
