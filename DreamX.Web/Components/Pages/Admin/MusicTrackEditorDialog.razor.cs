using DreamX.Domain.Assets;
using DreamX.Domain.Common;
using DreamX.Infrastructure.Assets;
using DreamX.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace DreamX.Web.Components.Pages.Admin;

/// <summary>Creates or edits a music track; the catalogue measures the uploaded audio and refuses unreadable or too-short files.</summary>
public partial class MusicTrackEditorDialog
{
    private string _title = "";
    private string _mood = "";
    private bool _isActive = true;
    private MediaUpload? _audio;

    [Inject] private MusicTrackCatalog Catalog { get; set; } = null!;
    [Inject] private IStringLocalizer<MusicText> M { get; set; } = null!;

    /// <summary>The track to edit; null to create one.</summary>
    [Parameter] public MusicTrack? Track { get; set; }

    [Parameter] public string? AudioUrl { get; set; }

    protected override CatalogMediaRule UploadRule => CatalogMediaRule.Audio;

    protected override void OnInitialized()
    {
        if (Track is null)
            return;
        var draft = MusicTrackDraft.From(Track);
        (_title, _mood, _isActive) = (draft.Title, draft.Mood, draft.IsActive);
    }

    protected override string Describe(string? code) => code switch
    {
        MusicTrackErrors.TooShort => M[code, MusicTrack.MinDurationSeconds],
        _ when MusicTrackErrors.IsMusicError(code) => M[code!],
        _ => base.Describe(code),
    };

    protected override async Task<Result<string>> SaveEntryAsync()
    {
        var draft = new MusicTrackDraft(_title, _mood, _isActive);
        var saved = Track is null
            ? await Catalog.CreateAsync(draft, _audio, CancellationToken.None)
            : await Catalog.UpdateAsync(Track.Id, draft, _audio, CancellationToken.None);
        return TitleOf(saved, t => t.Title);
    }
}
