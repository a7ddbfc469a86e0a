using DreamX.Domain.Assets;
using DreamX.Domain.Common;
using DreamX.Infrastructure.Assets;
using Microsoft.AspNetCore.Components;

namespace DreamX.Web.Components.Pages.Admin;

/// <summary>Creates, edits and reviews a showcase with its cover and video.</summary>
public partial class ShowcaseEditorDialog
{
    private string _title = "";
    private string _description = "";
    private ShowcaseStatus _status = ShowcaseStatus.Approved;
    private string _reviewNote = "";
    private int _sortOrder;
    private MediaUpload? _cover;
    private MediaUpload? _video;

    [Inject] private ShowcaseCatalog Catalog { get; set; } = null!;

    /// <summary>The showcase to edit; null to create one (approved by default: an admin adds it).</summary>
    [Parameter] public Showcase? Showcase { get; set; }

    [Parameter] public string? CoverUrl { get; set; }
    [Parameter] public string? VideoUrl { get; set; }

    /// <summary>The admin saving, recorded as reviewer when the status changes.</summary>
    [Parameter] public string? AdminId { get; set; }

    protected override CatalogMediaRule UploadRule => _video is not null ? CatalogMediaRule.Video : CatalogMediaRule.Image;

    protected override void OnInitialized()
    {
        if (Showcase is null)
            return;
        var draft = ShowcaseDraft.From(Showcase);
        (_title, _description, _status, _reviewNote, _sortOrder) = (draft.Title, draft.Description, draft.Status, draft.ReviewNote ?? "", draft.SortOrder);
    }

    protected override async Task<Result<string>> SaveEntryAsync()
    {
        var draft = new ShowcaseDraft(_title, _description, _status, _reviewNote, _sortOrder);
        var saved = Showcase is null
            ? await Catalog.CreateAsync(draft, _cover, _video, AdminId, CancellationToken.None)
            : await Catalog.UpdateAsync(Showcase.Id, draft, _cover, _video, AdminId, CancellationToken.None);
        return TitleOf(saved, s => s.Title);
    }
}
