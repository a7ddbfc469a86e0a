using DreamX.Domain.Assets;
using DreamX.Infrastructure.Assets;
using DreamX.Web.Account;
using DreamX.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace DreamX.Web.Components.Pages.Gallery;

/// <summary>
/// Lets a creator submit a final render of their episode, or their finished image-text note, to the showcase (asks for a
/// title and description), shows that it waits for review or is in the gallery, and takes it out again. Place it beside
/// a final render, or beside a note's pages.
/// </summary>
public sealed partial class SubmitToShowcaseButton
{
    [Inject] private ShowcaseSubmissions Submissions { get; set; } = null!;
    [Inject] private CurrentUser CurrentUser { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private IStringLocalizer<AppText> T { get; set; } = null!;

    /// <summary>The final <c>CompositionRender</c> to submit (a video).</summary>
    [Parameter] public Guid? RenderId { get; set; }

    /// <summary>The project whose image-text note to submit (instead of a render).</summary>
    [Parameter] public Guid? NoteProjectId { get; set; }

    /// <summary>The title the dialog proposes (e.g. the project's or episode's title, a note's post title).</summary>
    [Parameter] public string? DefaultTitle { get; set; }

    private ShowcaseEntry? _entry;
    private bool _loaded;
    private bool _busy;
    private Guid? _loadedFor;

    protected override async Task OnParametersSetAsync()
    {
        var target = RenderId ?? NoteProjectId;
        if (_loaded && _loadedFor == target)
            return;
        var userId = await CurrentUser.GetIdAsync();
        _entry = RenderId is { } render ? await Submissions.EntryOfRenderAsync(userId, render)
            : NoteProjectId is { } project ? await Submissions.EntryOfNoteAsync(userId, project)
            : null;
        _loadedFor = target;
        _loaded = true;
    }

    private async Task OpenAsync()
    {
        var dialog = await Dialogs.ShowAsync<SubmitToShowcaseDialog>(L["Submit.Title"], new DialogParameters<SubmitToShowcaseDialog>
        {
            { d => d.RenderId, RenderId },
            { d => d.NoteProjectId, NoteProjectId },
            { d => d.ShowcaseTitle, DefaultTitle ?? "" },
        });
        if (await dialog.Result is { Canceled: false, Data: Guid id })
        {
            _entry = new ShowcaseEntry(id, ShowcaseStatus.Pending);
            Snackbar.Add(L["Submit.Done"], Severity.Success);
        }
    }

    private async Task WithdrawAsync()
    {
        if (_entry is not { } entry)
            return;
        var confirmed = await Dialogs.ShowMessageBoxAsync(L["Submit.Withdraw"], L["Submit.WithdrawConfirm"],
            yesText: L["Submit.Withdraw"], cancelText: T["Common.Cancel"]);
        if (confirmed != true)
            return;
        _busy = true;
        try
        {
            var withdrawn = await Submissions.WithdrawAsync(await CurrentUser.GetIdAsync(), entry.Id);
            // Gone already (an admin deleted it, another tab withdrew it): either way it is out of the showcase.
            _entry = null;
            Snackbar.Add(withdrawn.IsSuccess ? L["Submit.Withdrawn"] : L[$"Error.{withdrawn.Error}"], withdrawn.IsSuccess ? Severity.Success : Severity.Info);
        }
        finally
        {
            _busy = false;
        }
    }
}
