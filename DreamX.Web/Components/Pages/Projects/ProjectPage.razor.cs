using DreamX.Domain.MusicVideos;
using DreamX.Domain.Projects;
using DreamX.Infrastructure.Production;
using DreamX.Infrastructure.Projects;
using DreamX.Domain.Generation.Stages;
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
    private IdeaBrief? _brief;
    private bool _improving;
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
    [Inject] private StageProduction Production { get; set; } = null!;
    [Inject] private DreamX.Web.Hosting.CircuitGeneration Generation { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private IStringLocalizer<ProductionText> ProductionL { get; set; } = null!;
    [Inject] private IStringLocalizer<NoteText> NoteL { get; set; } = null!;

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
        _brief = _project.Checkpoint.ImprovedBriefJson is { } brief && StageJson.Deserialize<IdeaBrief>(brief) is { IsSuccess: true } parsed
            ? parsed.Value
            : null;
        _styleTitle = _project.Checkpoint.VisualStyleId is { } styleId
            ? (await Projects.ListStyleChoicesAsync()).FirstOrDefault(s => s.Id == styleId)?.Title
            : null;
    }

    private async Task ImproveAsync()
    {
        // A second click that arrived before the button showed busy does nothing.
        if (_improving)
            return;
        _improving = true;
        try
        {
            var queued = await Generation.GenerateAsync(await User.GetIdAsync(), ProjectId, ProductionStep.ImproveIdea);
            // A code in words (the rate limit's refusal names the wait, its argument).
            if (queued.IsFailure)
                Snackbar.Add(ProductionL.Blocker(queued), Severity.Warning);
            await LoadAsync();
        }
        finally
        {
            _improving = false;
        }
    }

    private async Task UseBriefAsync()
    {
        var used = await Production.AcceptImprovedIdeaAsync(await User.GetIdAsync(), ProjectId);
        if (used.IsSuccess)
            Snackbar.Add(L["BriefUsed"], Severity.Success);
        await LoadAsync();
    }

    private async Task ReloadProjectAsync()
    {
        await InvokeAsync(async () =>
        {
            await LoadAsync();
            StateHasChanged();
        });
    }

    /// <summary>A note's tone in the reader's language ("Friendly", "亲切").</summary>
    private string NoteTone(string tone) => NoteL[$"Tone.{tone}"] is { ResourceNotFound: false } name ? name.Value : tone;

    /// <summary>A time in the song as m:ss (3:07).</summary>
    private static string Clock(double seconds)
    {
        var whole = (int)Math.Round(seconds);
        return $"{whole / 60}:{whole % 60:00}";
    }

    /// <summary>The part of the song the video covers: the whole song, or "0:04–0:36 (32 s)".</summary>
    private string Excerpt(Checkpoint checkpoint)
    {
        if (checkpoint.ExcerptStartSeconds is null && checkpoint.ExcerptEndSeconds is null)
            return L["Checkpoint.WholeSong"];
        var from = checkpoint.ExcerptStartSeconds ?? 0;
        var to = checkpoint.ExcerptEndSeconds ?? checkpoint.SongSeconds ?? from;
        return L["Checkpoint.Excerpt", Clock(from), Clock(to), Math.Round(to - from)];
    }

    /// <summary>Whether the song came with lyrics, and which kind: timed (LRC) or plain lines, and how many.</summary>
    private string LyricsSummary(string? lyrics)
    {
        if (string.IsNullOrWhiteSpace(lyrics))
            return L["Checkpoint.LyricsNone"];
        if (!LyricsParser.TryParse(lyrics, out var parsed, out _))
            return L["Checkpoint.LyricsGiven"];
        return parsed.IsEmpty ? L["Checkpoint.LyricsNone"]
            : parsed.IsTimed ? L["Checkpoint.LyricsTimed", parsed.Lines.Count]
            : L["Checkpoint.LyricsPlain", parsed.Lines.Count];
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
            Navigation.NavigateTo($"/projects/{copyId}/overview");
    }

    private async Task DeleteAsync()
    {
        if (await Actions.DeleteAsync(ProjectId, _project!.Title))
            Navigation.NavigateTo("/projects");
    }
}
