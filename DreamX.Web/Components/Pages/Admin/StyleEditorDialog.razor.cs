using DreamX.Domain.Assets;
using DreamX.Infrastructure.Assets;
using DreamX.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace DreamX.Web.Components.Pages.Admin;

/// <summary>Creates or edits a visual style; stays open with the admin's input when the save is refused.</summary>
public partial class StyleEditorDialog
{
    private MudForm _form = null!;
    private string _title = "";
    private string _type = "";
    private string _description = "";
    private string _prompt = "";
    private string _palette = "";
    private int _sortOrder;
    private bool _isActive = true;
    private MediaUpload? _sample;
    private string? _error;
    private bool _busy;

    [Inject] private IStringLocalizer<AdminText> L { get; set; } = null!;
    [Inject] private IStringLocalizer<AppText> T { get; set; } = null!;
    [Inject] private VisualStyleCatalog Catalog { get; set; } = null!;

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = null!;

    /// <summary>The style to edit; null to create one.</summary>
    [Parameter] public VisualStyle? Style { get; set; }

    [Parameter] public string? SampleUrl { get; set; }

    protected override void OnInitialized()
    {
        if (Style is null)
            return;
        _title = Style.Title;
        _type = Style.Type;
        _description = Style.Description;
        _prompt = Style.PromptFragment;
        _palette = string.Join(" ", Style.Palette);
        _sortOrder = Style.SortOrder;
        _isActive = Style.IsActive;
    }

    private IEnumerable<string> PaletteColours() =>
        (_palette ?? "").Split([' ', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private string? ValidatePalette(string _) =>
        PaletteColours().All(VisualStyleDraft.IsHexColour) ? null : L["Error.PaletteColour"].Value;

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
            var draft = new VisualStyleDraft(_title, _type, _description, _prompt, PaletteColours().ToList(), _sortOrder, _isActive);
            var saved = Style is null
                ? await Catalog.CreateAsync(draft, _sample, CancellationToken.None)
                : await Catalog.UpdateAsync(Style.Id, draft, _sample, CancellationToken.None);
            if (saved.IsFailure)
            {
                _error = L.Describe(saved.Error, CatalogMediaRule.Image);
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
