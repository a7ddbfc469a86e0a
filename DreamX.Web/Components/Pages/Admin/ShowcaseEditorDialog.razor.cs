using DreamX.Domain.Assets;
using DreamX.Infrastructure.Assets;
using DreamX.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace DreamX.Web.Components.Pages.Admin;

/// <summary>Creates, edits and reviews a showcase; stays open with the input when the save is refused.</summary>
public partial class ShowcaseEditorDialog
{
    private MudForm _form = null!;
    private string _title = "";
    private string _description = "";
    private ShowcaseStatus _status = ShowcaseStatus.Approved;
    private string _reviewNote = "";
    private int _sortOrder;
    private MediaUpload? _cover;
    private MediaUpload? _video;
    private string? _error;
    private bool _busy;

    [Inject] private IStringLocalizer<AdminText> L { get; set; } = null!;
    [Inject] private IStringLocalizer<AppText> T { get; set; } = null!;
    [Inject] private ShowcaseCatalog Catalog { get; set; } = null!;

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = null!;

    /// <summary>The showcase to edit; null to create one (approved by default: an admin adds it).</summary>
    [Parameter] public Showcase? Showcase { get; set; }

    [Parameter] public string? CoverUrl { get; set; }
    [Parameter] public string? VideoUrl { get; set; }

    /// <summary>The admin saving, recorded as reviewer when the status changes.</summary>
    [Parameter] public string? AdminId { get; set; }

    protected override void OnInitialized()
    {
        if (Showcase is null)
            return;
        var draft = ShowcaseDraft.From(Showcase);
        (_title, _description, _status, _reviewNote, _sortOrder) = (draft.Title, draft.Description, draft.Status, draft.ReviewNote ?? "", draft.SortOrder);
    }

    private void Cancel() => Dialog.Cancel();

    private async Task SaveAsync()
    {
        await _form.ValidateAsync();
        if (!_form.IsValid)
            return;

        _busy = true;
        _error = null;
        try
        {
            var draft = new ShowcaseDraft(_title, _description, _status, _reviewNote, _sortOrder);
            var saved = Showcase is null
                ? await Catalog.CreateAsync(draft, _cover, _video, AdminId, CancellationToken.None)
                : await Catalog.UpdateAsync(Showcase.Id, draft, _cover, _video, AdminId, CancellationToken.None);
            if (saved.IsFailure)
            {
                _error = L.Describe(saved.Error, _video is not null ? CatalogMediaRule.Video : CatalogMediaRule.Image);
                return;
            }

            Dialog.Close(DialogResult.Ok(saved.Value.Title));
        }
        finally
        {
            _busy = false;
        }
    }
}
