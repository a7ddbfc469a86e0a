using DreamX.Infrastructure.Administration;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DreamX.Web.Components.Pages.Admin;

/// <summary>Adds or removes a user's credits with a required reason; closes with the new available balance.</summary>
public sealed partial class AdjustCreditsDialog
{
    // One id per opened dialog: a double click on Apply adjusts once.
    private readonly Guid _operationId = Guid.CreateVersion7();
    private int _amount;
    private string _reason = "";
    private string? _error;
    private bool _saving;

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = null!;
    [Inject] private UserAdministration Administration { get; set; } = null!;

    [Parameter, EditorRequired] public string UserId { get; set; } = "";
    [Parameter, EditorRequired] public string AdminId { get; set; } = "";

    private async Task SubmitAsync()
    {
        _saving = true;
        try
        {
            var result = await Administration.AdjustCreditsAsync(UserId, _amount, _reason, AdminId, _operationId);
            if (result.IsSuccess)
                Dialog.Close(DialogResult.Ok(result.Value.Available));
            else
                _error = L[$"Error.{result.Error}"];
        }
        finally
        {
            _saving = false;
        }
    }
}
