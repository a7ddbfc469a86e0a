using DreamX.Domain.Assets;
using DreamX.Infrastructure.Assets;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DreamX.Web.Components.Pages.Admin;

/// <summary>Admin list of showcases: add, review (approve or reject) and remove works of the public gallery.</summary>
public partial class Showcases
{
    [Inject] private ShowcaseCatalog Catalog { get; set; } = null!;
    [Inject] private ShowcaseSubmissions Submissions { get; set; } = null!;

    protected override Task<IReadOnlyList<Showcase>> ListAsync(string? search, CancellationToken ct) => Catalog.ListAsync(search, ct);

    protected override IEnumerable<string?> MediaKeysOf(Showcase entry) => [entry.CoverKey, entry.VideoKey];

    /// <summary>Opens a submitted note as the gallery will show it.</summary>
    private async Task ViewNoteAsync(Showcase showcase)
    {
        if (showcase.Note is not { } note)
            return;
        await Dialogs.ShowAsync<DreamX.Web.Components.Pages.Gallery.ShowcaseNoteDialog>(showcase.Title, new DialogParameters<DreamX.Web.Components.Pages.Gallery.ShowcaseNoteDialog>
        {
            { d => d.Note, note },
            { d => d.Reader, DreamX.Domain.Storage.ObjectReader.Admin(await UserIdAsync() ?? "") },
        }, new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseButton = true, CloseOnEscapeKey = true, DefaultFocus = DefaultFocus.None });
    }

    protected override string TitleOf(Showcase entry) => entry.Title;

    private static Color StatusColor(ShowcaseStatus status) => status switch
    {
        ShowcaseStatus.Approved => Color.Success,
        ShowcaseStatus.Rejected => Color.Error,
        _ => Color.Warning,
    };

    private async Task CreateAsync() =>
        await EditAsync(L["Admin.Showcases.New"], new DialogParameters<ShowcaseEditorDialog>
        {
            { d => d.AdminId, await UserIdAsync() },
        }, isNew: true);

    private async Task EditAsync(Showcase showcase) =>
        await EditAsync(L["Admin.Showcases.Edit"], new DialogParameters<ShowcaseEditorDialog>
        {
            { d => d.Showcase, showcase },
            { d => d.CoverUrl, LinkOf(showcase.CoverKey) },
            { d => d.VideoUrl, LinkOf(showcase.VideoKey) },
            { d => d.AdminId, await UserIdAsync() },
        }, isNew: false);

    /// <summary>Approves (into the public gallery) or rejects a pending showcase, e.g. one a creator submitted.</summary>
    private async Task ReviewAsync(Showcase showcase, bool approve)
    {
        var result = await Submissions.ReviewAsync(showcase.Id, approve, await UserIdAsync() ?? "", note: null, Lifetime);
        if (result.IsSuccess)
            Snackbar.Add(Console[approve ? "Showcases.ApprovedDone" : "Showcases.RejectedDone"], Severity.Success);
        else
            Snackbar.Add(Console[$"Error.{result.Error}"], Severity.Warning);
        await ReloadAsync();
    }

    private Task DeleteAsync(Showcase showcase) =>
        DeleteAsync(showcase, "Admin.Showcases.DeleteConfirm", ct => Catalog.DeleteAsync(showcase.Id, ct));
}
