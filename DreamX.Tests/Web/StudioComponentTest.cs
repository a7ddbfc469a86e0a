using Bunit;
using DreamX.Web.Hosting;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor;
using MudBlazor.Services;

namespace DreamX.Tests.Web;

/// <summary>
/// bunit with what the studio's components expect: MudBlazor services and providers, the real resource files
/// (English unless a test picks a culture), an interactive server renderer.
/// </summary>
public abstract class StudioComponentTest : BunitContext, IAsyncLifetime
{
    /// <param name="services">More services a component needs; added before anything is resolved.</param>
    protected StudioComponentTest(Action<IServiceCollection>? services = null)
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization();
        Services.AddSingleton(TimeProvider.System);
        // The upload limit every file input asks (the default rules; a test may configure RateLimitOptions), for an
        // anonymous visitor unless the test signs someone in (bunit's AddAuthorization).
        Services.AddOptions<RateLimitOptions>();
        Services.AddSingleton<StudioRateLimits>();
        Services.AddHttpContextAccessor();
        Services.AddScoped<ClientAddress>();
        Services.AddScoped<UploadLimit>();
        Services.TryAddScoped<AuthenticationStateProvider, Anonymous>();
        services?.Invoke(Services);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("en-US");
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("en-US");
    }

    /// <summary>Popovers (selects, menus) render into this provider.</summary>
    protected IRenderedComponent<MudPopoverProvider> RenderPopovers() => Render<MudPopoverProvider>();

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();

    private sealed class Anonymous : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() =>
            Task.FromResult(new AuthenticationState(new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity())));
    }
}
