using DreamX.Domain.Projects;
using DreamX.Infrastructure.Projects;
using DreamX.Web.Account;
using DreamX.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace DreamX.Web.Components.Pages.Projects.Budget;

/// <summary>What a project spent against its budget cap, and the way to change the cap.</summary>
public partial class ProjectBudgetCard
{
    [Inject] private IStringLocalizer<BudgetText> L { get; set; } = null!;
    [Inject] private ProjectLibrary Projects { get; set; } = null!;
    [Inject] private CurrentUser User { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    [Parameter, EditorRequired] public Project Project { get; set; } = null!;

    /// <summary>Raised after the cap was saved, so the page reloads the project.</summary>
    [Parameter] public EventCallback OnChanged { get; set; }

    private static double UsedPercent(ProjectBudget budget) =>
        budget.CapCredits == 0 ? 100 : Math.Min(100, 100.0 * budget.SpentCredits / budget.CapCredits);

    private async Task EditAsync()
    {
        var parameters = new DialogParameters<BudgetCapDialog> { { d => d.InitialCap, Project.BudgetCapCredits } };
        var dialog = await Dialogs.ShowAsync<BudgetCapDialog>(L["DialogTitle"], parameters,
            new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true, CloseButton = true });
        var result = await dialog.Result;
        if (result is null || result.Canceled)
            return;

        var cap = result.Data as int?;
        var saved = await Projects.SetBudgetCapAsync(await User.GetIdAsync(), Project.Id, cap);
        if (saved.IsFailure)
        {
            Snackbar.Add(L[saved.Error!], Severity.Error);
            return;
        }
        Snackbar.Add(cap is null ? L["Cleared"] : L["Saved"], Severity.Success);
        await OnChanged.InvokeAsync();
    }
}
