using DreamX.Domain.Assets;
using DreamX.Infrastructure.Assets;
using DreamX.Infrastructure.Storage;
using DreamX.Web.Components.Shared;
using DreamX.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace DreamX.Web.Components.Pages.Gallery;

/// <summary>The public gallery: approved showcases as cards, open to visitors who are not signed in.</summary>
public partial class ShowcaseGallery : IDisposable
{
    private readonly ComponentLifetime _lifetime = new();
    private IReadOnlyList<Showcase>? _showcases;
    private Dictionary<string, string> _links = [];
    private DreamX.Domain.Storage.ObjectReader _reader = DreamX.Domain.Storage.ObjectReader.Anonymous;

    [Inject] private IStringLocalizer<ShowcaseText> L { get; set; } = null!;
    [Inject] private IStringLocalizer<AppText> T { get; set; } = null!;
    [Inject] private ShowcaseCatalog Catalog { get; set; } = null!;
    [Inject] private MediaUrls MediaUrls { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private IStringLocalizer<TranslationText> Languages { get; set; } = null!;

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = null!;

    protected override async Task OnInitializedAsync()
    {
        var showcases = await Catalog.ListApprovedAsync(_lifetime.Token);
        var reader = _reader = MediaLinks.ReaderOf((await AuthenticationState).User);
        _links = await MediaUrls.ReadUrlsAsync(showcases.SelectMany(s => new[] { s.CoverKey, s.VideoKey }
            .Concat(s.Languages.SelectMany(l => new[] { l.VideoKey, l.SubtitlesKey }))), reader, _lifetime.Token);
        _showcases = showcases;
    }

    private string? Link(string? key) => key is not null && _links.TryGetValue(key, out var url) ? url : null;

    /// <summary>A language's name in the reader's language ("English", "中文").</summary>
    private string LanguageName(string language) => Languages[$"Language.{language}"] is { ResourceNotFound: false } name ? name.Value : language;

    /// <summary>Plays the showcase, in <paramref name="language"/> when one is picked.</summary>
    private async Task PlayAsync(Showcase showcase, ShowcaseLanguage? language = null)
    {
        var parameters = new DialogParameters<ShowcasePlayerDialog>
        {
            { d => d.VideoUrl, Link(language?.VideoKey ?? showcase.VideoKey) },
            { d => d.PosterUrl, Link(showcase.CoverKey) },
        };
        await Dialogs.ShowAsync<ShowcasePlayerDialog>(showcase.Title, parameters,
            new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true, CloseButton = true, CloseOnEscapeKey = true });
    }

    /// <summary>Opens a note: its pages one at a time, its post beside them.</summary>
    private async Task ViewNoteAsync(Showcase showcase)
    {
        if (showcase.Note is not { } note)
            return;
        var parameters = new DialogParameters<ShowcaseNoteDialog>
        {
            { d => d.Note, note },
            { d => d.Reader, _reader },
        };
        // The carousel takes the keyboard as it opens (the arrow keys turn the pages): the dialog leaves the focus alone.
        await Dialogs.ShowAsync<ShowcaseNoteDialog>(showcase.Title, parameters,
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseButton = true, CloseOnEscapeKey = true, DefaultFocus = DefaultFocus.None });
    }

    public void Dispose()
    {
        _lifetime.Dispose();
    }
}
