using DreamX.Domain.Assets;
using DreamX.Infrastructure.Assets;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DreamX.Web.Components.Pages.Admin;

/// <summary>Admin list of visual styles with their sample cards.</summary>
public partial class Styles
{
    [Inject] private VisualStyleCatalog Catalog { get; set; } = null!;

    protected override Task<IReadOnlyList<VisualStyle>> ListAsync(string? search, CancellationToken ct) => Catalog.ListAsync(search, ct);

    protected override IEnumerable<string?> MediaKeysOf(VisualStyle entry) => [entry.SampleImageKey];

    protected override string TitleOf(VisualStyle entry) => entry.Title;

    private Task CreateAsync() =>
        EditAsync(L["Admin.Styles.New"], new DialogParameters<StyleEditorDialog>(), isNew: true);

    private Task EditAsync(VisualStyle style) =>
        EditAsync(L["Admin.Styles.Edit"], new DialogParameters<StyleEditorDialog>
        {
            { d => d.Style, style },
            { d => d.SampleUrl, LinkOf(style.SampleImageKey) },
        }, isNew: false);

    private Task DeleteAsync(VisualStyle style) =>
        DeleteAsync(style, "Admin.Styles.DeleteConfirm", ct => Catalog.DeleteAsync(style.Id, ct));
}
