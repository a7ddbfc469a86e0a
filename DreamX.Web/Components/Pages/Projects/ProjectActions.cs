using DreamX.Infrastructure.Projects;
using DreamX.Web.Account;
using DreamX.Web.Localization;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace DreamX.Web.Components.Pages.Projects;

/// <summary>
/// Rename, duplicate and delete as the creator experiences them (a dialog, the call, a snackbar), shared by the
/// project list and the project page. Each returns whether something changed.
/// </summary>
public sealed class ProjectActions(
    ProjectLibrary projects,
    CurrentUser user,
    IDialogService dialogs,
    ISnackbar snackbar,
    IStringLocalizer<ProjectsText> text,
    IStringLocalizer<AppText> common)
{
    public async Task<bool> RenameAsync(Guid projectId, string currentTitle)
    {
        var title = await AskTitleAsync(text["RenameTitle"], currentTitle, text["Rename"], hint: null);
        if (title is null || title == currentTitle)
            return false;
        return Report(await projects.RenameAsync(await user.GetIdAsync(), projectId, title), text["Renamed"]);
    }

    /// <returns>The copy's id, or null when the creator cancelled or it failed.</returns>
    public async Task<Guid?> DuplicateAsync(Guid projectId, string currentTitle)
    {
        var suggested = text["CopyOf", currentTitle].Value;
        if (suggested.Length > Domain.Projects.Project.TitleMaxLength)
            suggested = suggested[..Domain.Projects.Project.TitleMaxLength];
        var title = await AskTitleAsync(text["DuplicateTitle"], suggested, text["Duplicate"], text["DuplicateHint"]);
        if (title is null)
            return null;
        var copy = await projects.DuplicateAsync(await user.GetIdAsync(), projectId, title);
        return Report(copy, text["Duplicated"]) ? copy.Value.Id : null;
    }

    public async Task<bool> DeleteAsync(Guid projectId, string title)
    {
        var confirmed = await dialogs.ShowMessageBoxAsync(new MessageBoxOptions
        {
            Title = text["DeleteTitle", title],
            Message = text["DeleteBody"],
            YesText = text["DeleteConfirm"],
            CancelText = common["Common.Cancel"],
        }, new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true, CloseButton = true });
        if (confirmed != true)
            return false;
        return Report(await projects.DeleteAsync(await user.GetIdAsync(), projectId), text["Deleted"]);
    }

    private async Task<string?> AskTitleAsync(string dialogTitle, string initial, string confirmLabel, string? hint)
    {
        var parameters = new DialogParameters<ProjectTitleDialog>
        {
            { d => d.InitialTitle, initial },
            { d => d.ConfirmLabel, confirmLabel },
            { d => d.Hint, hint },
        };
        var dialog = await dialogs.ShowAsync<ProjectTitleDialog>(dialogTitle, parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseButton = true });
        var result = await dialog.Result;
        return result is { Canceled: false, Data: string title } ? title : null;
    }

    private bool Report(Domain.Common.Result result, string success)
    {
        if (result.IsSuccess)
            snackbar.Add(success, Severity.Success);
        else
            snackbar.Add(text.Describe(result.Error), Severity.Error);
        return result.IsSuccess;
    }
}
