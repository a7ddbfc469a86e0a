using DreamX.Domain.Subscriptions;
using DreamX.Infrastructure.Administration;
using DreamX.Infrastructure.Subscriptions;
using DreamX.Web.Account;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DreamX.Web.Components.Pages.Admin;

/// <summary>The admin's user list: search, plan assignment, credit adjustment (with a reason) and lock/unlock.</summary>
public sealed partial class AdminUsers : IDisposable
{
    [Inject] private UserAdministration Administration { get; set; } = null!;
    [Inject] private SubscriptionPlans Plans { get; set; } = null!;
    [Inject] private CurrentUser CurrentUser { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    private readonly ComponentLifetime _disposed = new();
    private MudTable<AdminUserRow>? _table;
    private string _search = "";

    private async Task<TableData<AdminUserRow>> LoadAsync(TableState state, CancellationToken ct)
    {
        var page = await Administration.SearchAsync(_search, state.Page, state.PageSize, ct);
        return new TableData<AdminUserRow> { Items = page.Items, TotalItems = page.Total };
    }

    private async Task SearchAsync(string search)
    {
        _search = search ?? "";
        await ReloadAsync(firstPage: true);
    }

    private async Task ReloadAsync(bool firstPage = false)
    {
        if (_table is null)
            return;
        if (firstPage)
            _table.NavigateTo(0);
        await _table.ReloadServerData();
    }

    private async Task AssignAsync(AdminUserRow user, SubscriptionTier tier)
    {
        var result = await Plans.AssignAsync(user.UserId, tier, await CurrentUser.GetIdAsync(), _disposed.Token);
        Report(result, L["Users.TierChanged", L[$"Tier.{tier}"]]);
        await ReloadAsync();
    }

    private async Task AdjustAsync(AdminUserRow user)
    {
        var dialog = await Dialogs.ShowAsync<AdjustCreditsDialog>(L["Adjust.Title", user.Email], new DialogParameters<AdjustCreditsDialog>
        {
            { d => d.UserId, user.UserId },
            { d => d.AdminId, await CurrentUser.GetIdAsync() },
        });
        if (await dialog.Result is { Canceled: false, Data: int available })
        {
            Snackbar.Add(L["Adjust.Done", available], Severity.Success);
            await ReloadAsync();
        }
    }

    private async Task LockAsync(AdminUserRow user)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(L["Users.Lock"], L["Users.LockConfirm", user.Email], yesText: L["Users.Lock"], cancelText: T["Common.Cancel"]);
        if (confirmed != true)
            return;
        Report(await Administration.LockAsync(user.UserId, await CurrentUser.GetIdAsync()), L["Users.Locked.Done"]);
        await ReloadAsync();
    }

    private async Task UnlockAsync(AdminUserRow user)
    {
        Report(await Administration.UnlockAsync(user.UserId, await CurrentUser.GetIdAsync()), L["Users.Unlocked.Done"]);
        await ReloadAsync();
    }

    private void Report(Domain.Common.Result result, string success)
    {
        if (result.IsSuccess)
            Snackbar.Add(success, Severity.Success);
        else
            Snackbar.Add(L[$"Error.{result.Error}"], Severity.Error);
    }

    public void Dispose()
    {
        _disposed.Dispose();
    }
}
