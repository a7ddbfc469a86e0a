using DreamX.Domain.Projects;
using DreamX.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace DreamX.Web.Components.Pages.Projects.Budget;

/// <summary>Asks for a project's budget cap (empty: no cap); closes with the cap once it is valid.</summary>
public partial class BudgetCapDialog
{
    private MudForm _form = null!;
    private int? _cap;

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = null!;
    [Inject] private IStringLocalizer<BudgetText> L { get; set; } = null!;
    [Inject] private IStringLocalizer<AppText> Common { get; set; } = null!;

    [Parameter] public int? InitialCap { get; set; }

    protected override void OnInitialized() => _cap = InitialCap;

    private string? Validate(int? cap) =>
        ProjectBudget.ValidateCap(cap) is { } error ? L[error.Code, error.Arguments.Select(a => ((int)a).ToString("N0")).ToArray()].Value : null;

    private async Task SaveAsync()
    {
        await _form.ValidateAsync();
        if (_form.IsValid)
            Dialog.Close(DialogResult.Ok(_cap));
    }

    private void Cancel() => Dialog.Cancel();
}
