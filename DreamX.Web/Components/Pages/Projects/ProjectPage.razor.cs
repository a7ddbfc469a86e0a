using DreamX.Domain.Projects;
using DreamX.Infrastructure.Projects;
using DreamX.Web.Account;
using DreamX.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace DreamX.Web.Components.Pages.Projects;

/// <summary>One project: where the canvas will live; for now its checkpoint and its place in the pipeline.</summary>
public partial class ProjectPage
{
    private Project? _project;
    private string? _styleTitle;
    private bool _loading = true;
    private List<BreadcrumbItem> _breadcrumbs = [];

    [Parameter] public Guid ProjectId { get; set; }

    [Inject] private IStringLocalizer<ProjectsText> L { get; set; } = null!;
    [Inject] private IStringLocalizer<AppText> Common { get; set; } = null!;
    [Inject] private ProjectLibrary Projects { get; set; } = null!;
    [Inject] private ProjectActions Actions { get; set; } = null!;
    [Inject] private CurrentUser User { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        await LoadAsync();
        _loading = false;
    }

    private async Task LoadAsync()
    {
        var found = await Projects.GetAsync(await User.GetIdAsync(), ProjectId);
        _project = found.IsSuccess ? found.Value : null;
        if (_project is null)
            return;

        _breadcrumbs = [new(L["Title"], "/projects"), new(_project.Title, null, disabled: true)];
        _styleTitle = _project.Checkpoint.VisualStyleId is { } styleId
            ? (await Projects.ListStyleChoicesAsync()).FirstOrDefault(s => s.Id == styleId)?.Title
            : null;
    }

    private async Task ReloadProjectAsync()
    {
        await InvokeAsync(async () =>
        {
            await LoadAsync();
            StateHasChanged();
        });
    }

    private static string StageIcon(ProjectStage stage) => stage switch
    {
        ProjectStage.Checkpoint => Icons.Material.Filled.Flag,
        ProjectStage.StoryBible => Icons.Material.Filled.MenuBook,
        ProjectStage.Characters => Icons.Material.Filled.People,
        ProjectStage.Script => Icons.Material.Filled.Description,
        ProjectStage.Scenes => Icons.Material.Filled.Landscape,
        ProjectStage.Segments => Icons.Material.Filled.ViewCarousel,
        _ => Icons.Material.Filled.Movie,
    };

    private async Task RenameAsync()
    {
        if (await Actions.RenameAsync(ProjectId, _project!.Title))
            await LoadAsync();
    }

    private async Task DuplicateAsync()
    {
        if (await Actions.DuplicateAsync(ProjectId, _project!.Title) is { } copyId)
            Navigation.NavigateTo($"/projects/{copyId}");
    }

    private async Task DeleteAsync()
    {
        if (await Actions.DeleteAsync(ProjectId, _project!.Title))
            Navigation.NavigateTo("/projects");
    }
}
