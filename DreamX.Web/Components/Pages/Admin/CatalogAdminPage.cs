using DreamX.Domain.Common;
using DreamX.Domain.Storage;
using DreamX.Infrastructure.Storage;
using DreamX.Web.Components.Shared;
using DreamX.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace DreamX.Web.Components.Pages.Admin;

/// <summary>
/// What the three catalogue admin pages share: a searchable list of <typeparamref name="TEntry"/> with media links,
/// an editor dialog, and delete with confirmation.
/// </summary>
public abstract class CatalogAdminPage<TEntry> : ComponentBase, IDisposable
{
    private readonly ComponentLifetime _lifetime = new();

    [Inject] protected IStringLocalizer<AdminText> L { get; set; } = null!;
    [Inject] protected IStringLocalizer<AppText> T { get; set; } = null!;
    [Inject] protected IDialogService Dialogs { get; set; } = null!;
    [Inject] protected ISnackbar Snackbar { get; set; } = null!;
    [Inject] protected MediaUrls MediaUrls { get; set; } = null!;

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = null!;

    protected IReadOnlyList<TEntry> Entries { get; private set; } = [];
    protected Dictionary<string, string> Links { get; private set; } = [];
    protected string Search { get; set; } = "";
    protected bool Loading { get; private set; } = true;
    protected CancellationToken Lifetime => _lifetime.Token;

    protected abstract Task<IReadOnlyList<TEntry>> ListAsync(string? search, CancellationToken ct);

    /// <summary>The stored keys of the media the list shows for an entry (sample, cover...).</summary>
    protected abstract IEnumerable<string?> MediaKeysOf(TEntry entry);

    protected abstract string TitleOf(TEntry entry);

    protected override Task OnInitializedAsync() => ReloadAsync();

    protected string? LinkOf(string? key) => key is not null && Links.TryGetValue(key, out var url) ? url : null;

    protected async Task ReloadAsync()
    {
        Loading = true;
        Entries = await ListAsync(Search, Lifetime);
        var reader = MediaLinks.ReaderOf((await AuthenticationState).User);
        Links = await MediaUrls.ReadUrlsAsync(Entries.SelectMany(MediaKeysOf), reader, Lifetime);
        Loading = false;
    }

    protected async Task SearchAsync(string search)
    {
        Search = search ?? "";
        await ReloadAsync();
    }

    protected async Task<string?> UserIdAsync() => MediaLinks.ReaderOf((await AuthenticationState).User).UserId;

    /// <summary>Opens an editor dialog; on save reloads the list and tells the admin.</summary>
    protected async Task EditAsync<TDialog>(string title, DialogParameters<TDialog> parameters, bool isNew) where TDialog : IComponent
    {
        var options = new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true, BackdropClick = false };
        var dialog = await Dialogs.ShowAsync<TDialog>(title, parameters, options);
        var result = await dialog.Result;
        if (result is null || result.Canceled)
            return;

        Snackbar.Add(L[isNew ? "Admin.Created" : "Admin.Saved", result.Data ?? ""], Severity.Success);
        await ReloadAsync();
    }

    protected Task DeleteAsync(TEntry entry, string confirmKey, Func<CancellationToken, Task<Result>> delete) =>
        DeleteAfterAskingAsync(entry, L[confirmKey, TitleOf(entry)], delete);

    /// <summary>Deletes after the admin answered yes to <paramref name="question"/> (for pages whose texts live in their own resources).</summary>
    protected async Task DeleteAfterAskingAsync(TEntry entry, string question, Func<CancellationToken, Task<Result>> delete)
    {
        var title = TitleOf(entry);
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            L["Admin.DeleteTitle"], question, yesText: T["Common.Delete"], cancelText: T["Common.Cancel"]);
        if (confirmed != true)
            return;

        var deleted = await delete(Lifetime);
        if (deleted.IsSuccess)
            Snackbar.Add(L["Admin.Deleted", title], Severity.Success);
        else
            Snackbar.Add(L.Describe(deleted.Error), Severity.Error);
        await ReloadAsync();
    }

    public void Dispose()
    {
        _lifetime.Dispose();
        GC.SuppressFinalize(this);
    }
}
