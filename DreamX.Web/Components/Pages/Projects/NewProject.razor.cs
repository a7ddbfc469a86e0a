using DreamX.Domain.Projects;
using DreamX.Domain.Subscriptions;
using DreamX.Infrastructure.Projects;
using DreamX.Web.Account;
using DreamX.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace DreamX.Web.Components.Pages.Projects;

public partial class NewProject : IDisposable
{
    private readonly CheckpointModel _model = new();
    private IReadOnlyList<StyleChoice> _styles = [];
    private List<BreadcrumbItem> _breadcrumbs = [];
    private bool _busy;
    private string? _error;
    private SubscriptionTier _plan = SubscriptionTier.Starter;

    [Inject] private IStringLocalizer<ProjectsText> L { get; set; } = null!;
    [Inject] private IStringLocalizer<AppText> Common { get; set; } = null!;
    [Inject] private ProjectLibrary Projects { get; set; } = null!;
    [Inject] private Infrastructure.MusicVideos.SongIntake Songs { get; set; } = null!;
    [Inject] private CurrentUser User { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    protected override async Task OnInitializedAsync()
    {
        _breadcrumbs = [new(L["Title"], "/projects"), new(L["New"], null, disabled: true)];
        // The story is written in the language the creator is using, unless they choose otherwise.
        _model.Language = System.Globalization.CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal)
            ? Domain.Common.StoryLanguage.Chinese
            : Domain.Common.StoryLanguage.English;
        _styles = await Projects.ListStyleChoicesAsync();
        _plan = await Projects.PlanOfAsync(await User.GetIdAsync());
    }

    private async Task CreateAsync(CheckpointInput input)
    {
        _busy = true;
        _error = null;
        try
        {
            // A music video's song is stored under the new project with it (an upload waits in a scratch folder till then).
            var created = input.Type == ProjectType.MusicMv && _model.Song is { } song
                ? await Songs.CreateProjectAsync(await User.GetIdAsync(), input, song, CancellationToken.None)
                : await Projects.CreateAsync(await User.GetIdAsync(), input);
            if (created.IsFailure)
            {
                _error = L.Describe(created.Error, _plan);
                return;
            }
            Snackbar.Add(L["Created"], Severity.Success);
            Navigation.NavigateTo($"/projects/{created.Value.Id}");
        }
        finally
        {
            _busy = false;
        }
    }

    public void Dispose() => _model.Song?.Dispose();
}
