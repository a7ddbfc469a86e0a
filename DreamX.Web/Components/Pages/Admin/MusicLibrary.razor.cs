using System.Globalization;
using DreamX.Domain.Assets;
using DreamX.Infrastructure.Assets;
using DreamX.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace DreamX.Web.Components.Pages.Admin;

/// <summary>Admin list of the music library that compose draws episode beds from.</summary>
public partial class MusicLibrary
{
    [Inject] private MusicTrackCatalog Catalog { get; set; } = null!;
    [Inject] private IStringLocalizer<MusicText> M { get; set; } = null!;

    protected override Task<IReadOnlyList<MusicTrack>> ListAsync(string? search, CancellationToken ct) => Catalog.ListAsync(search, ct);

    protected override IEnumerable<string?> MediaKeysOf(MusicTrack entry) => [entry.AudioKey];

    protected override string TitleOf(MusicTrack entry) => entry.Title;

    /// <summary>m:ss, the way players show a length.</summary>
    public static string DurationText(decimal seconds)
    {
        var whole = (int)Math.Round(seconds, MidpointRounding.AwayFromZero);
        return string.Create(CultureInfo.InvariantCulture, $"{whole / 60}:{whole % 60:00}");
    }

    private async Task SetActiveAsync(MusicTrack track, bool isActive)
    {
        var changed = await Catalog.SetActiveAsync(track.Id, isActive, Lifetime);
        if (changed.IsSuccess)
            Snackbar.Add(M[isActive ? "Music.Activated" : "Music.Deactivated", track.Title], Severity.Info);
        else
            Snackbar.Add(L.Describe(changed.Error), Severity.Error);
        await ReloadAsync();
    }

    private Task CreateAsync() =>
        EditAsync(M["Music.New"], new DialogParameters<MusicTrackEditorDialog>(), isNew: true);

    private Task EditAsync(MusicTrack track) =>
        EditAsync(M["Music.Edit"], new DialogParameters<MusicTrackEditorDialog>
        {
            { d => d.Track, track },
            { d => d.AudioUrl, LinkOf(track.AudioKey) },
        }, isNew: false);

    private Task DeleteAsync(MusicTrack track) =>
        DeleteAfterAskingAsync(track, M["Music.DeleteConfirm", track.Title], ct => Catalog.DeleteAsync(track.Id, ct));
}
