using DreamX.Domain.Projects;
using DreamX.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace DreamX.Web.Components.Pages.Projects;

/// <summary>Asks for a project title (rename, duplicate); closes with the trimmed title once it is valid.</summary>
public partial class ProjectTitleDialog
{
    private string _title = "";
    private string? _error;

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = null!;
    [Inject] private IStringLocalizer<ProjectsText> L { get; set; } = null!;
    [Inject] private IStringLocalizer<AppText> Common { get; set; } = null!;

    [Parameter] public string InitialTitle { get; set; } = "";
    [Parameter] public string ConfirmLabel { get; set; } = "";
    [Parameter] public string? Hint { get; set; }

    protected override void OnInitialized() => _title = InitialTitle;

    private async Task OnKeyDownAsync(KeyboardEventArgs args)
    {
        if (args.Key == "Enter")
            await ConfirmAsync();
    }

    private Task ConfirmAsync()
    {
        var error = CheckpointRules.ValidateTitle(_title);
        _error = error is null ? null : L.Describe(error);
        if (error is null)
            Dialog.Close(DialogResult.Ok(_title.Trim()));
        return Task.CompletedTask;
    }

    private void Cancel() => Dialog.Cancel();
}
