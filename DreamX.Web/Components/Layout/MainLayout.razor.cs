using DreamX.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;

namespace DreamX.Web.Components.Layout;

public partial class MainLayout
{
    private bool _drawerOpen = true;
    private bool _isDarkMode;

    [Inject] private IStringLocalizer<AppText> T { get; set; } = null!;
    [Inject] private IJSRuntime JS { get; set; } = null!;

    [CascadingParameter(Name = "DarkMode")]
    private bool InitialDarkMode { get; set; }

    protected override void OnInitialized() => _isDarkMode = InitialDarkMode;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
            await JS.InvokeVoidAsync("dreamx.markInteractive");
    }

    private async Task ToggleThemeAsync()
    {
        _isDarkMode = !_isDarkMode;
        await JS.InvokeVoidAsync("dreamx.setCookie", ThemePreference.CookieName, _isDarkMode ? "dark" : "light", 365);
    }
}
