using Microsoft.Playwright;

namespace DreamX.Tests.Ui.Pages;

/// <summary>The admin page /admin/providers.</summary>
public sealed class ProvidersPage(IPage page) : StudioPage(page)
{
    public async Task<ProvidersPage> OpenAsync()
    {
        await Page.GotoAsync("/admin/providers");
        await WaitForInteractiveAsync();
        return this;
    }

    public async Task AddTextProviderAsync(string name, string baseUrl, string apiKey, string model)
    {
        await TestId("providers-add").ClickAsync();
        await Input("provider-name").FillAsync(name);
        await Input("provider-baseurl").FillAsync(baseUrl);
        await Input("provider-apikey").FillAsync(apiKey);
        await Input("provider-text-model").FillAsync(model);
        await TestId("provider-save").ClickAsync();
    }

    public ILocator Row(string name) => TestId($"provider-row-{name}");

    public ILocator Error => TestId("provider-error");
}
