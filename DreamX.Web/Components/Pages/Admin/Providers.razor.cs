using DreamX.Domain.Generation;
using DreamX.Infrastructure.Providers.Administration;
using DreamX.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace DreamX.Web.Components.Pages.Admin;

/// <summary>Admins add, edit and remove OpenAI-compatible AI providers; the built-in one is always the last resort.</summary>
public partial class Providers
{
    [Inject] private ProviderSettings Settings { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private Microsoft.Extensions.Options.IOptions<DreamX.Web.Hosting.PublicUrlOptions> PublicUrl { get; set; } = default!;
    [Inject] private IStringLocalizer<ProvidersText> L { get; set; } = default!;
    [Inject] private IStringLocalizer<AppText> T { get; set; } = default!;

    private IReadOnlyList<ProviderSummary>? _providers;
    private ProviderEdit? _edit;
    private string? _error;
    private bool _busy;
    private bool _testing;
    private bool _fallbackText, _fallbackImage, _fallbackSpeech;
    private bool _fallbackVideo;
    private string? _testMessage;
    private Severity _testSeverity = Severity.Info;
    private (string Provider, string Url, string Secret)? _callback;

    protected override async Task OnInitializedAsync()
    {
        await ReloadAsync();
        var fallback = await Settings.BuiltinFallbackAsync(CancellationToken.None);
        (_fallbackText, _fallbackImage, _fallbackSpeech) =
            (fallback.HasFlag(ProviderCapabilities.Text), fallback.HasFlag(ProviderCapabilities.Image), fallback.HasFlag(ProviderCapabilities.Speech));
        _fallbackVideo = fallback.HasFlag(ProviderCapabilities.Video);
    }

    private async Task SaveFallbackAsync()
    {
        _busy = true;
        try
        {
            var capabilities = (_fallbackText ? ProviderCapabilities.Text : 0) | (_fallbackImage ? ProviderCapabilities.Image : 0)
                | (_fallbackSpeech ? ProviderCapabilities.Speech : 0) | (_fallbackVideo ? ProviderCapabilities.Video : 0);
            var saved = await Settings.SaveBuiltinFallbackAsync(capabilities, CancellationToken.None);
            Snackbar.Add(saved.IsSuccess ? L["Providers.Fallback.Saved"] : L[saved.Error!], saved.IsSuccess ? Severity.Success : Severity.Warning);
            await ReloadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task TestAsync(ProviderSummary provider, ProviderCapabilities capability)
    {
        _testing = true;
        _testSeverity = Severity.Info;
        _testMessage = L["Providers.Test.Running", CapabilityName(capability), provider.Name];
        StateHasChanged();
        try
        {
            var result = await Settings.TestConnectionAsync(provider.Id, capability, CancellationToken.None);
            _testSeverity = result.Succeeded ? Severity.Success : Severity.Error;
            _testMessage = result.Succeeded
                ? L["Providers.Test.Ok", CapabilityName(capability), provider.Name, result.Model ?? "", (long)result.Elapsed.TotalMilliseconds]
                : L["Providers.Test.Failed", CapabilityName(capability), provider.Name,
                    result.Error == ProviderSettings.Errors.NotFound ? L[result.Error].Value : result.Error ?? ""];
        }
        finally
        {
            _testing = false;
        }
    }

    /// <summary>A new callback secret for the provider's workers: shown here once, with the URL they post to.</summary>
    private async Task NewCallbackSecretAsync(ProviderSummary provider)
    {
        _busy = true;
        try
        {
            var made = await Settings.NewCallbackSecretAsync(provider.Id, CancellationToken.None);
            if (!made.IsSuccess)
            {
                Snackbar.Add(L[made.Error!], Severity.Warning);
                return;
            }
            // The configured public address (what workers outside can reach), else the address this page was opened at.
            var root = PublicUrl.Value.BaseUri ?? new Uri(Navigation.BaseUri);
            var url = new Uri(new Uri(root.ToString().TrimEnd('/') + "/"), "api/v1/webhooks/providers/" + Uri.EscapeDataString(provider.Name)).ToString();
            _callback = (provider.Name, url, made.Value);
            await ReloadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private static IEnumerable<ProviderCapabilities> TestableCapabilities(ProviderCapabilities capabilities) =>
        new[] { ProviderCapabilities.Text, ProviderCapabilities.Image, ProviderCapabilities.Speech, ProviderCapabilities.Video }.Where(c => capabilities.HasFlag(c));

    private string CapabilityName(ProviderCapabilities capability) => capability switch
    {
        ProviderCapabilities.Text => L["Providers.Text"],
        ProviderCapabilities.Image => L["Providers.Image"],
        ProviderCapabilities.Speech => L["Providers.Speech"],
        ProviderCapabilities.Video => L["Providers.Video"],
        _ => capability.ToString(),
    };

    private async Task ReloadAsync() => _providers = await Settings.ListAsync(CancellationToken.None);

    private void StartNew()
    {
        _edit = new ProviderEdit { Text = true };
        _error = null;
    }

    private void StartEdit(ProviderSummary provider)
    {
        _edit = ProviderEdit.From(provider);
        _error = null;
    }

    private void Cancel()
    {
        _edit = null;
        _error = null;
    }

    private async Task SaveAsync()
    {
        if (_edit is null)
            return;
        _busy = true;
        try
        {
            var saved = await Settings.SaveAsync(_edit, CancellationToken.None);
            if (saved.IsFailure)
            {
                _error = saved.Error;
                return;
            }
            _edit = null;
            _error = null;
            Snackbar.Add(T["Common.Saved"], Severity.Success);
            await ReloadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task DeleteAsync(ProviderSummary provider)
    {
        var deleted = await Settings.DeleteAsync(provider.Id, CancellationToken.None);
        Snackbar.Add(deleted.IsSuccess ? T["Common.Deleted"] : L[deleted.Error!], deleted.IsSuccess ? Severity.Success : Severity.Warning);
        await ReloadAsync();
    }

    private IEnumerable<string> CapabilityNames(ProviderCapabilities capabilities)
    {
        if (capabilities.HasFlag(ProviderCapabilities.Text)) yield return L["Providers.Text"];
        if (capabilities.HasFlag(ProviderCapabilities.Image)) yield return L["Providers.Image"];
        if (capabilities.HasFlag(ProviderCapabilities.Speech)) yield return L["Providers.Speech"];
        if (capabilities.HasFlag(ProviderCapabilities.Video)) yield return L["Providers.Video"];
    }

    private static string Models(ProviderSummary provider) =>
        string.Join(" · ", new[] { provider.TextModel, provider.ImageModel, provider.SpeechModel, provider.VideoModel }.Where(m => !string.IsNullOrEmpty(m)));
}
