using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
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
        services?.Invoke(Services);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("en-US");
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("en-US");
    }

    /// <summary>Popovers (selects, menus) render into this provider.</summary>
    protected IRenderedComponent<MudPopoverProvider> RenderPopovers() => Render<MudPopoverProvider>();

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();
}
