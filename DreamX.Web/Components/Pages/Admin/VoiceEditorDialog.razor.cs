using DreamX.Domain.Assets;
using DreamX.Domain.Characters;
using DreamX.Domain.Common;
using DreamX.Infrastructure.Assets;
using Microsoft.AspNetCore.Components;

namespace DreamX.Web.Components.Pages.Admin;

/// <summary>Creates or edits a voice with its espeak-ng settings and sample audio.</summary>
public partial class VoiceEditorDialog
{
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

    [Inject] private VoiceCatalog Catalog { get; set; } = null!;

    /// <summary>The voice to edit; null to create one.</summary>
    [Parameter] public Voice? Voice { get; set; }

    [Parameter] public string? SampleUrl { get; set; }

    protected override CatalogMediaRule UploadRule => CatalogMediaRule.Audio;

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

    protected override async Task<Result<string>> SaveEntryAsync()
    {
        var draft = new VoiceDraft(_name, _language, _gender, _ageRange, _description, _engineVoice, _engineVariant, _pitch, _wordsPerMinute, _isActive);
        var saved = Voice is null
            ? await Catalog.CreateAsync(draft, _sample, CancellationToken.None)
            : await Catalog.UpdateAsync(Voice.Id, draft, _sample, CancellationToken.None);
        return TitleOf(saved, v => v.Name);
    }
}
