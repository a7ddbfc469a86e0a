using System.Diagnostics;
using System.Security.Claims;
using DreamX.Infrastructure.Audit;
using DreamX.Infrastructure.Identity;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace DreamX.Web.Hosting;

/// <summary>
/// Sets <see cref="AuditContext.Current"/> at the two edges where users act: every HTTP request (after
/// authentication) and every event of a Blazor circuit (a click, a form post, a JS call).
/// </summary>
public static class AuditScope
{
    public static IServiceCollection AddStudioAuditScope(this IServiceCollection services) =>
        services.AddScoped<CircuitHandler, CircuitAuditScope>();

    public static IApplicationBuilder UseStudioAuditScope(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var address = ClientAddress.Of(http);
        AuditContext.Use(() => Actor(http.User, address, http.TraceIdentifier));
        await next(http);
    });

    internal static AuditActor Actor(ClaimsPrincipal user, string ip, string fallbackCorrelation) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier),
        ip,
        Activity.Current?.TraceId.ToHexString() ?? fallbackCorrelation,
        user.IsInRole(Roles.Admin));

    private sealed class CircuitAuditScope(AuthenticationStateProvider authentication, ClientAddress client) : CircuitHandler
    {
        public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
            async context =>
            {
                var state = await authentication.GetAuthenticationStateAsync();
                AuditContext.Current = Actor(state.User, client.Value, context.Circuit.Id);
                await next(context);
            };
    }
}
