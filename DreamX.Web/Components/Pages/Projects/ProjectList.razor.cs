using DreamX.Infrastructure.Projects;
using DreamX.Web.Account;
using DreamX.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace DreamX.Web.Components.Pages.Projects;

/// <summary>The signed-in creator's projects: search, sort by last update, pages, and the card actions.</summary>
public partial class ProjectList
{
    private Paged<ProjectSummary>? _page;
    private string _search = "";
    private bool _newestFirst = true;
    private int _pageNumber = 1;

    [Inject] private IStringLocalizer<ProjectsText> L { get; set; } = null!;
    [Inject] private IStringLocalizer<AppText> Common { get; set; } = null!;
    [Inject] private ProjectLibrary Projects { get; set; } = null!;
    [Inject] private ProjectActions Actions { get; set; } = null!;
    [Inject] private CurrentUser User { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _page = await Projects.ListAsync(await User.GetIdAsync(), new ProjectQuery(_search, _pageNumber, NewestFirst: _newestFirst));
        if (_page.Items.Count == 0 && _pageNumber > 1)
        {
            // The last item of the last page was deleted: show the page before it.
            _pageNumber = _page.PageCount;
            _page = await Projects.ListAsync(await User.GetIdAsync(), new ProjectQuery(_search, _pageNumber, NewestFirst: _newestFirst));
        }
    }

    private async Task SearchChangedAsync(string? search)
    {
        _search = search ?? "";
        _pageNumber = 1;
        await LoadAsync();
    }

    private async Task SortChangedAsync(bool newestFirst)
    {
        _newestFirst = newestFirst;
        _pageNumber = 1;
        await LoadAsync();
    }

    private async Task PageChangedAsync(int page)
    {
        _pageNumber = page;
        await LoadAsync();
    }

    private async Task RenameAsync(ProjectSummary project)
    {
        if (await Actions.RenameAsync(project.Id, project.Title))
            await LoadAsync();
    }

    private async Task DuplicateAsync(ProjectSummary project)
    {
        if (await Actions.DuplicateAsync(project.Id, project.Title) is not null)
            await LoadAsync();
    }

    private async Task DeleteAsync(ProjectSummary project)
    {
        if (await Actions.DeleteAsync(project.Id, project.Title))
            await LoadAsync();
    }
}
