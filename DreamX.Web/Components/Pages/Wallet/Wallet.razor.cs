using DreamX.Domain.Credits;
using DreamX.Infrastructure.Credits;
using DreamX.Infrastructure.Subscriptions;
using DreamX.Web.Account;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DreamX.Web.Components.Pages.Wallet;

/// <summary>The signed-in user's credits: balance, daily check-in, plan (with cancel) and the ledger's history.</summary>
public sealed partial class Wallet : IDisposable
{
    [Inject] private CurrentUser CurrentUser { get; set; } = null!;
    [Inject] private ICreditLedger Ledger { get; set; } = null!;
    [Inject] private DailyCheckIns CheckIns { get; set; } = null!;
    [Inject] private SubscriptionPlans Plans { get; set; } = null!;
    [Inject] private CreditHistory History { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;

    private readonly ComponentLifetime _disposed = new();
    private string _userId = "";
    private CreditBalance? _balance;
    private CheckInStatus? _checkIn;
    private SubscriptionView? _plan;
    private CreditHistoryTable? _history;
    private bool _busy;

    protected override async Task OnInitializedAsync()
    {
        _userId = await CurrentUser.GetIdAsync();
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _balance = await Ledger.GetBalanceAsync(_userId, _disposed.Token);
        _checkIn = await CheckIns.StatusAsync(_userId, _disposed.Token);
        _plan = await Plans.CurrentAsync(_userId, _disposed.Token);
    }

    private Task<CreditHistoryPage> LoadHistoryAsync(CreditEntryKind? kind, int page, int pageSize, CancellationToken ct) =>
        History.ListAsync(new CreditHistoryQuery(_userId, kind, page, pageSize), ct);

    private async Task CheckInAsync()
    {
        _busy = true;
        try
        {
            var result = await CheckIns.CheckInAsync(_userId, _disposed.Token);
            if (result.IsSuccess)
                Snackbar.Add(L["CheckIn.Granted", result.Value.Credits], Severity.Success);
            else if (result.Error == DailyCheckIns.AlreadyToday)
                Snackbar.Add(L["CheckIn.Already"], Severity.Info);
            else
                Snackbar.Add(L[$"Error.{result.Error}"], Severity.Error);
            await RefreshAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task CancelPlanAsync()
    {
        var ends = _plan?.RenewsAt?.ToLocalTime().ToString("d") ?? "";
        var confirmed = await Dialogs.ShowMessageBoxAsync(L["Plan.Cancel"], L["Plan.CancelConfirm", ends], yesText: L["Plan.Cancel"], cancelText: Common["Common.Back"]);
        if (confirmed != true)
            return;
        var result = await Plans.CancelAsync(_userId, _disposed.Token);
        Snackbar.Add(result.IsSuccess ? L["Plan.Cancelled"] : L[$"Error.{result.Error}"], result.IsSuccess ? Severity.Success : Severity.Warning);
        await RefreshAsync();
    }

    private async Task RefreshAsync()
    {
        await LoadAsync();
        if (_history is not null)
            await _history.ReloadAsync();
    }

    public void Dispose()
    {
        _disposed.Dispose();
    }
}
