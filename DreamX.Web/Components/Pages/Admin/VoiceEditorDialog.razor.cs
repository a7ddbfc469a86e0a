using DreamX.Domain.Assets;
using DreamX.Domain.Characters;
using DreamX.Domain.Common;
using DreamX.Infrastructure.Assets;
using DreamX.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace DreamX.Web.Components.Pages.Admin;

/// <summary>Creates or edits a voice with its espeak-ng settings; stays open with the input when the save is refused.</summary>
public partial class VoiceEditorDialog
{
    private MudForm _form = null!;
    private string _name = "";
    private string _language = StoryLanguage.Chinese;
    private Gender _gender;
    private string _ageRange = "";
    private string _description = "";
    private string _engineVoice = EngineVoiceFor(StoryLanguage.Chinese);
    private string _engineVariant = "";
    private int _pitch = 50;
    private int _wordsPerMinute = 160;
    private bool _isActive = true;
    private MediaUpload? _sample;
    private string? _error;
    private bool _busy;

    [Inject] private IStringLocalizer<AdminText> L { get; set; } = null!;
    [Inject] private IStringLocalizer<AppText> T { get; set; } = null!;
    [Inject] private VoiceCatalog Catalog { get; set; } = null!;

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = null!;

    /// <summary>The voice to edit; null to create one.</summary>
    [Parameter] public Voice? Voice { get; set; }

    [Parameter] public string? SampleUrl { get; set; }

    protected override void OnInitialized()
    {
        if (Voice is null)
            return;
        var draft = VoiceDraft.From(Voice);
        (_name, _language, _gender, _ageRange, _description) = (draft.Name, draft.Language, draft.Gender, draft.AgeRange, draft.Description);
        (_engineVoice, _engineVariant, _pitch, _wordsPerMinute, _isActive) =
            (draft.EngineVoice, draft.EngineVariant ?? "", draft.Pitch, draft.WordsPerMinute, draft.IsActive);
    }

    /// <summary>The built-in engine's voice that speaks <paramref name="language"/>.</summary>
    private static string EngineVoiceFor(string language) => language == StoryLanguage.English ? "en-us" : "cmn";

    /// <summary>Switching language also switches the engine voice while it still is the other language's default.</summary>
    private void LanguageChanged(string language)
    {
        if (_engineVoice == EngineVoiceFor(_language) || _engineVoice.Length == 0)
            _engineVoice = EngineVoiceFor(language);
        _language = language;
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
            var draft = new VoiceDraft(_name, _language, _gender, _ageRange, _description, _engineVoice, _engineVariant, _pitch, _wordsPerMinute, _isActive);
            var saved = Voice is null
                ? await Catalog.CreateAsync(draft, _sample, CancellationToken.None)
                : await Catalog.UpdateAsync(Voice.Id, draft, _sample, CancellationToken.None);
            if (saved.IsFailure)
            {
                _error = L.Describe(saved.Error, CatalogMediaRule.Audio);
                return;
            }

            Dialog.Close(DialogResult.Ok(saved.Value.Name));
        }
        finally
        {
            _busy = false;
        }
    }
}
