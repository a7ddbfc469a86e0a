using System.Security.Claims;
using DreamX.Domain.Generation;
using DreamX.Infrastructure.Identity;
using DreamX.Infrastructure.Projects;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace DreamX.Web.Components.Pages.Tasks;

/// <summary>The task center: the signed-in user's tasks, live through the progress bus, with cancel and retry.</summary>
public sealed partial class Tasks
{
    private const int PageSize = 20;

    [Inject] private IGenerationTasks GenerationTasks { get; set; } = null!;
    [Inject] private DreamX.Web.Hosting.CircuitGeneration Generation { get; set; } = null!;
    [Inject] private ITaskProgressBus ProgressBus { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private ProjectLibrary Projects { get; set; } = null!;
    [Inject] private Microsoft.Extensions.Localization.IStringLocalizer<DreamX.Web.Localization.ProvenanceText> W { get; set; } = null!;
    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = null!;

    private readonly ComponentLifetime _disposed = new();
    private List<GenerationTask> _tasks = [];
    private GenerationTaskStatus? _status;
    private Guid? _projectId;
    private IReadOnlyList<(Guid Id, string Title)> _projects = [];
    private bool _isAdmin;
    private int _page;
    private int _total;
    private bool _loading = true;
    private string _userId = "";
    private IDisposable? _subscription;

    private int PageCount => Math.Max(1, (_total + PageSize - 1) / PageSize);

    protected override async Task OnInitializedAsync()
    {
        var state = await AuthenticationState;
        _userId = state.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        _isAdmin = state.User.IsInRole(Roles.Admin);
        _projects = await Projects.ListTitlesAsync(_userId, _disposed.Token);
        await LoadAsync();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && _userId.Length > 0)
            _subscription = ProgressBus.SubscribeUser(_userId, progress => InvokeAsync(() => ApplyAsync(progress)));
    }

    private async Task ApplyAsync(TaskProgress progress)
    {
        var task = _tasks.FirstOrDefault(t => t.Id == progress.TaskId);
        if (task is null || progress.Status != GenerationTaskStatus.Running)
        {
            // A new task or a state change (cost, error, result): read the page again.
            await LoadAsync();
            return;
        }
        task.Status = progress.Status;
        task.Progress = progress.Percent;
        task.ProgressMessage = progress.Message;
        StateHasChanged();
    }

    private async Task LoadAsync()
    {
        _loading = true;
        var page = await GenerationTasks.ListAsync(new TaskQuery(_userId, _status, _projectId, Page: _page, PageSize: PageSize), _disposed.Token);
        _tasks = page.Items.ToList();
        _total = page.Total;
        _loading = false;
        StateHasChanged();
    }

    private async Task OnStatusChangedAsync(GenerationTaskStatus? status)
    {
        _status = status;
        _page = 0;
        await LoadAsync();
    }

    private async Task OnProjectChangedAsync(Guid? projectId)
    {
        _projectId = projectId;
        _page = 0;
        await LoadAsync();
    }

    private string ProjectTitle(Guid projectId) =>
        _projects.FirstOrDefault(p => p.Id == projectId) is { Title: { } title } ? title : L["Project.Deleted"];

    /// <summary>Who made the result: the provider and model the task used (blank until it ran).</summary>
    private string ProviderOf(GenerationTask task) => task.Provider is null ? "—" : DreamX.Web.Localization.Provenance.Maker(W, task.Provider, task.Model);

    /// <summary>The step's own progress word in the reader's language; anything else (e.g. a retry note) stays in the log.</summary>
    private string? ProgressWord(GenerationTask task) =>
        task.IsFinished || string.IsNullOrEmpty(task.ProgressMessage) ? null
        : L[$"Progress.{task.ProgressMessage}"] is { ResourceNotFound: false } word ? word.Value : null;

    private async Task OnPageChangedAsync(int page)
    {
        _page = page - 1;
        await LoadAsync();
    }

    private async Task CancelAsync(GenerationTask task)
    {
        var result = await GenerationTasks.CancelAsync(task.Id, _userId, _disposed.Token);
        if (result.IsFailure)
            Snackbar.Add(L[$"Error.{result.Error}"], Severity.Warning);
        await LoadAsync();
    }

    private async Task RetryAsync(GenerationTask task)
    {
        var result = await Generation.RetryAsync(task.Id, _userId, _disposed.Token);
        // A code in words (the rate limit's refusal names the wait, its argument).
        if (result.IsFailure)
            Snackbar.Add(L[$"Error.{result.Error}", [.. result.ErrorArguments]] is { ResourceNotFound: false } text ? text.Value : result.Error!, Severity.Error);
        else
            Snackbar.Add(L["Retried"], Severity.Success);
        await LoadAsync();
    }

    /// <summary>The end of the id: its start is a timestamp (version 7), the same for tasks queued together.</summary>
    private static string ShortId(GenerationTask task) => task.Id.ToString("N")[^8..];

    private static int ProgressOf(GenerationTask task) => task.Status == GenerationTaskStatus.Succeeded ? 100 : task.Progress;

    private string CostOf(GenerationTask task) =>
        task.IsFinished ? L["Cost.Charged", task.CreditsCharged] : L["Cost.Reserved", task.CreditsReserved];

    private static Color StatusColor(GenerationTaskStatus status) => status switch
    {
        GenerationTaskStatus.Succeeded => Color.Success,
        GenerationTaskStatus.Failed => Color.Error,
        GenerationTaskStatus.Cancelled => Color.Default,
        GenerationTaskStatus.Running => Color.Info,
        _ => Color.Secondary,
    };

    public void Dispose()
    {
        _subscription?.Dispose();
        _disposed.Dispose();
    }
}
