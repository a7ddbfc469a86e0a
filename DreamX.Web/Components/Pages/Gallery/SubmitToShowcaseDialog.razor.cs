using DreamX.Infrastructure.Assets;
using DreamX.Web.Account;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DreamX.Web.Components.Pages.Gallery;

/// <summary>Asks for the showcase's title and description, then submits the render (or the note) for review.</summary>
public sealed partial class SubmitToShowcaseDialog
{
    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = null!;
    [Inject] private ShowcaseSubmissions Submissions { get; set; } = null!;
    [Inject] private CurrentUser CurrentUser { get; set; } = null!;

    /// <summary>The final render to submit; or <see cref="NoteProjectId"/>, the project whose note to submit.</summary>
    [Parameter] public Guid? RenderId { get; set; }
    [Parameter] public Guid? NoteProjectId { get; set; }
    [Parameter] public string ShowcaseTitle { get; set; } = "";

    private string _description = "";
    private string? _error;
    private bool _sending;

    private async Task SubmitAsync()
    {
        _sending = true;
        try
        {
            var userId = await CurrentUser.GetIdAsync();
            var result = RenderId is { } render
                ? await Submissions.SubmitAsync(userId, render, ShowcaseTitle, _description)
                : await Submissions.SubmitNoteAsync(userId, NoteProjectId ?? Guid.Empty, ShowcaseTitle, _description);
            if (result.IsSuccess)
                Dialog.Close(DialogResult.Ok(result.Value.Id));
            else
                _error = L[$"Error.{result.Error}"];
        }
        finally
        {
            _sending = false;
        }
    }
}
