using DreamX.Domain.Characters;
using DreamX.Infrastructure.Characters;
using DreamX.Infrastructure.Storage;
using DreamX.Web.Components.Pages.Projects.Production;
using DreamX.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace DreamX.Web.Components.Pages.Projects.Characters;

/// <summary>
/// A character's reference sheet on its card (canvas panel and production board): the portrait and up to three extra
/// pictures (upload, pick from the character's shots, remove), the seed, and the "lock look" switch. Bad uploads are
/// refused with the reason; nothing on the sheet is lost by a refusal.
/// </summary>
public partial class CharacterReferenceSheet
{
    [Inject] private CharacterReferences References { get; set; } = null!;
    [Inject] private MediaUrls Media { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private DreamX.Web.Hosting.UploadLimit Uploads { get; set; } = null!;
    [Inject] private IStringLocalizer<CharacterSheetText> L { get; set; } = null!;

    [Parameter, EditorRequired] public Character Character { get; set; } = null!;
    [Parameter, EditorRequired] public Guid ProjectId { get; set; }
    [Parameter, EditorRequired] public string OwnerId { get; set; } = "";

    /// <summary>Raised after a change was saved (the lock shows on the card, a new seed makes shots stale).</summary>
    [Parameter] public EventCallback OnChanged { get; set; }

    private List<string> _extras = [];
    private bool _locked;
    private int _seed;
    private bool _busy;
    private string? _error;
    private IReadOnlyList<ShotPicture>? _shots;
    private Dictionary<string, string> _links = [];
    private (Guid, DateTimeOffset, string?, int)? _shown;

    protected override async Task OnParametersSetAsync()
    {
        // The canvas re-renders on every progress event: the sheet reloads only when the character did change.
        var shown = (Character.Id, Character.UpdatedAt, Character.PortraitKey, Character.ReferenceKeys.Count);
        if (_shown == shown)
            return;
        _shown = shown;
        _extras = [.. Character.ReferenceKeys];
        _locked = Character.LookLocked;
        _seed = Character.EffectiveSeed;
        await SignAsync();
    }

    private string? Link(string? key) => key is not null && _links.TryGetValue(key, out var url) ? url : null;

    private async Task SignAsync() =>
        _links = await MediaLinks.SignAsync(Media, OwnerId, [Character.PortraitKey, .. _extras, .. (_shots ?? []).Select(s => s.ImageKey)]);

    private async Task UploadAsync(IBrowserFile? file)
    {
        if (file is null)
            return;
        if (file.Size > ReferenceImageUpload.MaxBytes)
        {
            // Refused before reading: a huge file never crosses the circuit.
            _error = Describe(ReferenceImageUpload.TooLarge);
            return;
        }
        // Over the upload limit: neither read nor stored; the message names the wait.
        if (await Uploads.RefuseAsync() is { } refused)
        {
            _error = refused;
            return;
        }
        await RunAsync(async () =>
        {
            using var buffer = new MemoryStream();
            await using (var upload = file.OpenReadStream(ReferenceImageUpload.MaxBytes))
                await upload.CopyToAsync(buffer);
            var added = await References.AddUploadAsync(OwnerId, ProjectId, Character.Id, buffer.ToArray());
            return added.IsSuccess ? (added.Value, null) : (null, added.Error);
        });
    }

    private async Task ToggleShotsAsync()
    {
        _shots = _shots is null ? await References.ShotPicturesAsync(OwnerId, ProjectId, Character.Key) : null;
        await SignAsync();
    }

    private Task PickAsync(ShotPicture shot) => RunAsync(async () =>
    {
        var added = await References.AddFromShotAsync(OwnerId, ProjectId, Character.Id, shot.ShotId);
        if (added.IsSuccess)
            _shots = null;
        return added.IsSuccess ? (added.Value, null) : (null, added.Error);
    });

    private async Task RemoveAsync(string key)
    {
        _busy = true;
        var removed = await References.RemoveAsync(OwnerId, ProjectId, Character.Id, key);
        _busy = false;
        _error = removed.IsFailure ? Describe(removed.Error) : null;
        if (removed.IsSuccess)
        {
            _extras.Remove(key);
            Snackbar.Add(L["Sheet.Removed"], Severity.Success);
            await OnChanged.InvokeAsync();
        }
    }

    private async Task SetLockedAsync(bool locked)
    {
        _busy = true;
        var saved = await References.SetLookLockedAsync(OwnerId, ProjectId, Character.Id, locked);
        _busy = false;
        _error = saved.IsFailure ? Describe(saved.Error) : null;
        if (saved.IsSuccess)
        {
            _locked = locked;
            await OnChanged.InvokeAsync();
        }
    }

    private async Task SaveSeedAsync()
    {
        _busy = true;
        var saved = await References.SetSeedAsync(OwnerId, ProjectId, Character.Id, _seed);
        _busy = false;
        _error = saved.IsFailure ? Describe(saved.Error) : null;
        if (saved.IsSuccess)
        {
            Snackbar.Add(L["Sheet.SeedSaved"], Severity.Success);
            await OnChanged.InvokeAsync();
        }
    }

    /// <summary>Adds a picture: on success it joins the strip at once (the parent reloads later), else the reason shows.</summary>
    private async Task RunAsync(Func<Task<(string? Key, string? Error)>> add)
    {
        _error = null;
        _busy = true;
        try
        {
            var (key, error) = await add();
            if (key is null)
            {
                _error = Describe(error);
                return;
            }
            _extras.Add(key);
            await SignAsync();
            Snackbar.Add(L["Sheet.Added"], Severity.Success);
            await OnChanged.InvokeAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private string Describe(string? code)
    {
        var text = L[$"Error.{code}"];
        return text.ResourceNotFound ? code ?? "" : text.Value;
    }
}
