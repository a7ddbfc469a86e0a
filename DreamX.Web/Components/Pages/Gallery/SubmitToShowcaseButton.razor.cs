using DreamX.Domain.Assets;
using DreamX.Infrastructure.Assets;
using DreamX.Web.Account;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DreamX.Web.Components.Pages.Gallery;

/// <summary>
/// Lets a creator submit a final render of their episode to the showcase (asks for a title and description), or
/// shows that it waits for review or is in the gallery. Place it beside a final render.
/// </summary>
public sealed partial class SubmitToShowcaseButton
{
    [Inject] private ShowcaseSubmissions Submissions { get; set; } = null!;
    [Inject] private CurrentUser CurrentUser { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    /// <summary>The final <c>CompositionRender</c> to submit.</summary>
    [Parameter, EditorRequired] public Guid RenderId { get; set; }

    /// <summary>The title the dialog proposes (e.g. the project's or episode's title).</summary>
    [Parameter] public string? DefaultTitle { get; set; }

    private ShowcaseStatus? _status;
    private bool _loaded;
    private Guid _loadedFor;

    protected override async Task OnParametersSetAsync()
    {
        if (_loaded && _loadedFor == RenderId)
            return;
        _status = await Submissions.StatusOfAsync(await CurrentUser.GetIdAsync(), RenderId);
        _loadedFor = RenderId;
        _loaded = true;
    }

    private async Task OpenAsync()
    {
        var dialog = await Dialogs.ShowAsync<SubmitToShowcaseDialog>(L["Submit.Title"], new DialogParameters<SubmitToShowcaseDialog>
        {
            { d => d.RenderId, RenderId },
            { d => d.ShowcaseTitle, DefaultTitle ?? "" },
        });
        if (await dialog.Result is { Canceled: false })
        {
            _status = ShowcaseStatus.Pending;
            Snackbar.Add(L["Submit.Done"], Severity.Success);
        }
    }
}
