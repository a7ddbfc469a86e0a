using DreamX.Domain.Credits;
using DreamX.Domain.Projects;
using DreamX.Infrastructure.Production;
using DreamX.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace DreamX.Web.Components.Pages.Projects.Production;

/// <summary>
/// The price of a step before it is queued: what will run, what it costs and how long it takes, against the wallet
/// and the project's budget cap. It cannot be confirmed when the credits or the budget are not enough.
/// </summary>
public partial class QuoteDialog
{
    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = null!;
    [Inject] private IStringLocalizer<QuoteText> L { get; set; } = null!;
    [Inject] private IStringLocalizer<AppText> Common { get; set; } = null!;

    [Parameter] public string StepTitle { get; set; } = "";
    [Parameter] public ProductionQuote Quote { get; set; } = null!;
    [Parameter] public CreditBalance Balance { get; set; } = new(0, 0);
    [Parameter] public ProjectBudget? Budget { get; set; }

    /// <summary>Shows the quote; true only when the creator confirmed it (and it was affordable).</summary>
    public static async Task<bool> ConfirmAsync(
        IDialogService dialogs, string stepTitle, ProductionQuote quote, CreditBalance balance, ProjectBudget? budget)
    {
        var parameters = new DialogParameters<QuoteDialog>
        {
            { d => d.StepTitle, stepTitle },
            { d => d.Quote, quote },
            { d => d.Balance, balance },
            { d => d.Budget, budget },
        };
        var dialog = await dialogs.ShowAsync<QuoteDialog>(null, parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseButton = true });
        var result = await dialog.Result;
        return result is { Canceled: false, Data: true };
    }

    private int BalanceAfter => Balance.Available - Quote.Credits;
    private bool HasEnoughCredits => BalanceAfter >= 0;
    private bool WithinBudget => Budget?.Allows(Quote.Credits) ?? true;
    private bool CanConfirm => HasEnoughCredits && WithinBudget;

    private string Duration(int seconds)
    {
        if (seconds < 90)
            return L["Seconds", seconds];
        var minutes = (int)Math.Ceiling(seconds / 60.0);
        return minutes < 90 ? L["Minutes", minutes] : L["Hours", minutes / 60, minutes % 60];
    }

    private void Confirm()
    {
        if (CanConfirm)
            Dialog.Close(DialogResult.Ok(true));
    }

    private void Cancel() => Dialog.Cancel();
}
