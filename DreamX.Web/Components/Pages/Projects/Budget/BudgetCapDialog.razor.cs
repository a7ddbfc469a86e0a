using DreamX.Domain.Common;
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
    // Decimal so that a fraction typed by the creator is explained in the field rather than silently dropped.
    private decimal? _cap;

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = null!;
    [Inject] private IStringLocalizer<BudgetText> L { get; set; } = null!;
    [Inject] private IStringLocalizer<AppText> Common { get; set; } = null!;

    [Parameter] public int? InitialCap { get; set; }

    protected override void OnInitialized() => _cap = InitialCap;

    private string? Validate(decimal? cap) => cap switch
    {
        null => null,
        { } whole when whole % 1 == 0 && whole is >= int.MinValue and <= int.MaxValue =>
            ProjectBudget.ValidateCap((int)whole) is { } error ? Describe(error) : null,
        _ => Describe(ProjectBudget.CapRangeError),
    };

    private string Describe(ValidationError error) =>
        L[error.Code, error.Arguments.Select(a => ((int)a).ToString("N0")).ToArray()];

    private async Task SaveAsync()
    {
        await _form.ValidateAsync();
        if (_form.IsValid)
            Dialog.Close(DialogResult.Ok((int?)_cap));
    }

    private void Cancel() => Dialog.Cancel();
}
