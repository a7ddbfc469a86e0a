using DreamX.Domain.Assets;
using DreamX.Domain.Common;
using DreamX.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace DreamX.Web.Components.Pages.Admin;

/// <summary>
/// What the catalogue editor dialogs share: validate the form, save, and either close with the saved title
/// or stay open with the admin's input and the reason the save was refused.
/// </summary>
public abstract class CatalogEditorDialog : ComponentBase
{
    [Inject] protected IStringLocalizer<AdminText> L { get; set; } = null!;
    [Inject] protected IStringLocalizer<AppText> T { get; set; } = null!;

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = null!;

    protected MudForm Form { get; set; } = null!;
    protected string? Error { get; private set; }
    protected bool Busy { get; private set; }

    /// <summary>Saves the entry; the value is its title, shown in the confirmation.</summary>
    protected abstract Task<Result<string>> SaveEntryAsync();

    /// <summary>The upload rule a refused file is explained with.</summary>
    protected abstract CatalogMediaRule UploadRule { get; }

    /// <summary>The refusal in the admin's language; a dialog with refusals of its own says those itself.</summary>
    protected virtual string Describe(string? code) => L.Describe(code, UploadRule);

    protected void Cancel() => Dialog.Cancel();

    protected async Task SaveAsync()
    {
        await Form.ValidateAsync();
        if (!Form.IsValid)
            return;

        Busy = true;
        Error = null;
        try
        {
            var saved = await SaveEntryAsync();
            if (saved.IsFailure)
            {
                Error = Describe(saved.Error);
                return;
            }

            Dialog.Close(DialogResult.Ok(saved.Value));
        }
        finally
        {
            Busy = false;
        }
    }

    /// <summary>The saved entry's title, or the reason it was refused.</summary>
    protected static Result<string> TitleOf<TEntry>(Result<TEntry> saved, Func<TEntry, string> title) =>
        saved.IsSuccess ? Result<string>.Success(title(saved.Value)) : Result<string>.Failure(saved.Error!);
}
