using DreamX.Domain.Assets;
using DreamX.Domain.Common;
using DreamX.Infrastructure.Assets;
using Microsoft.AspNetCore.Components;

namespace DreamX.Web.Components.Pages.Admin;

/// <summary>Creates or edits a visual style with its palette and sample image.</summary>
public partial class StyleEditorDialog
{
    private string _title = "";
    private string _type = "";
    private string _description = "";
    private string _prompt = "";
    private string _palette = "";
    private int _sortOrder;
    private bool _isActive = true;
    private MediaUpload? _sample;

    [Inject] private VisualStyleCatalog Catalog { get; set; } = null!;

    /// <summary>The style to edit; null to create one.</summary>
    [Parameter] public VisualStyle? Style { get; set; }

    [Parameter] public string? SampleUrl { get; set; }

    protected override CatalogMediaRule UploadRule => CatalogMediaRule.Image;

    protected override void OnInitialized()
    {
        if (Style is null)
            return;
        var draft = VisualStyleDraft.From(Style);
        (_title, _type, _description, _prompt) = (draft.Title, draft.Type, draft.Description, draft.PromptFragment);
        (_palette, _sortOrder, _isActive) = (string.Join(" ", draft.Palette), draft.SortOrder, draft.IsActive);
    }

    private IEnumerable<string> PaletteColours() =>
        (_palette ?? "").Split([' ', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private string? ValidatePalette(string _) =>
        PaletteColours().All(VisualStyleDraft.IsHexColour) ? null : L["Error.PaletteColour"].Value;

    protected override async Task<Result<string>> SaveEntryAsync()
    {
        var draft = new VisualStyleDraft(_title, _type, _description, _prompt, PaletteColours().ToList(), _sortOrder, _isActive);
        var saved = Style is null
            ? await Catalog.CreateAsync(draft, _sample, CancellationToken.None)
            : await Catalog.UpdateAsync(Style.Id, draft, _sample, CancellationToken.None);
        return TitleOf(saved, s => s.Title);
    }
}
