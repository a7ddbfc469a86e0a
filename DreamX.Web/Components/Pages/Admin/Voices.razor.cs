using DreamX.Domain.Assets;
using DreamX.Domain.Characters;
using DreamX.Infrastructure.Assets;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DreamX.Web.Components.Pages.Admin;

/// <summary>Admin list of the voice library.</summary>
public partial class Voices
{
    [Inject] private VoiceCatalog Catalog { get; set; } = null!;

    protected override Task<IReadOnlyList<Voice>> ListAsync(string? search, CancellationToken ct) => Catalog.ListAsync(search, ct);

    protected override IEnumerable<string?> MediaKeysOf(Voice entry) => [entry.SampleAudioKey];

    protected override string TitleOf(Voice entry) => entry.Name;

    private static string EngineText(Voice voice) =>
        voice.EngineVariant is { Length: > 0 } variant ? $"{voice.EngineVoice}+{variant}" : voice.EngineVoice;

    private static string GenderIcon(Gender gender) => gender switch
    {
        Gender.Female => Icons.Material.Filled.Female,
        Gender.Male => Icons.Material.Filled.Male,
        _ => Icons.Material.Filled.Transgender,
    };

    private Task CreateAsync() =>
        EditAsync(L["Admin.Voices.New"], new DialogParameters<VoiceEditorDialog>(), isNew: true);

    private Task EditAsync(Voice voice) =>
        EditAsync(L["Admin.Voices.Edit"], new DialogParameters<VoiceEditorDialog>
        {
            { d => d.Voice, voice },
            { d => d.SampleUrl, LinkOf(voice.SampleAudioKey) },
        }, isNew: false);

    private Task DeleteAsync(Voice voice) =>
        DeleteAsync(voice, "Admin.Voices.DeleteConfirm", ct => Catalog.DeleteAsync(voice.Id, ct));
}
