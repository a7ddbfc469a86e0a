using DreamX.Domain.Canvas;
using DreamX.Domain.Credits;
using DreamX.Domain.Generation;
using DreamX.Domain.Storage;
using DreamX.Infrastructure.Persistence;
using DreamX.Infrastructure.Production;
using DreamX.Infrastructure.Storage;
using DreamX.Web.Account;
using DreamX.Web.Live;
using DreamX.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace DreamX.Web.Components.Pages.Projects.Production;

/// <summary>
/// The production steps of one project with their state, cost and Generate button, and what has been made so far.
/// Task progress arrives over the progress bus (from any app instance) and refreshes the board while it is open.
/// </summary>
public partial class ProductionBoard
{
    private IReadOnlyList<StepStatus> _statuses = [];
    private Dictionary<ProductionStep, ProductionQuote> _quotes = [];
    private Dictionary<string, string> _mediaUrls = [];
    private Dictionary<string, string> _downloads = [];
    private ProductionGraph? _graph;
    private CreditBalance? _balance;
    private LiveView<BoardSnapshot>? _watch;
    private bool _busy;
    // False until the first snapshot arrived (the board says it is reading the project meanwhile).
    private bool _fed;
    private string _userId = "";

    [Parameter, EditorRequired] public Guid ProjectId { get; set; }

    /// <summary>Raised after the board reloaded (e.g. so the page can refresh the project's stage).</summary>
    [Parameter] public EventCallback OnChanged { get; set; }

    [Inject] private IStringLocalizer<ProductionText> L { get; set; } = null!;
    [Inject] private StageProduction Production { get; set; } = null!;
    [Inject] private DreamX.Web.Hosting.CircuitGeneration Generation { get; set; } = null!;
    [Inject] private QuoteConfirmation Quotes { get; set; } = null!;
    [Inject] private BoardLiveFeed Feed { get; set; } = null!;
    [Inject] private CurrentUser User { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    protected override async Task OnInitializedAsync()
    {
        _userId = await User.GetIdAsync();
        // The board fills with the first snapshot read after it joined the project's live feed, and follows it from there.
        LiveView<BoardSnapshot>? watch = null;
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        watch = Feed.Watch(_userId, ProjectId,
            snapshot => InvokeAsync(async () =>
            {
                await ApplyAsync(watch!, snapshot, first.Task.IsCompleted);
                first.TrySetResult();
            }),
            () => InvokeAsync(StateHasChanged));
        _watch = watch;
        // The board is drawn with its steps from the start (the prerendered page too), as when it read the project itself,
        // rather than empty until the feed's first read lands; a slow read holds the page only so long, then fills it in.
        await Task.WhenAny(first.Task, Task.Delay(FirstReadWait));
    }

    /// <summary>How long the board's first render waits for the feed's first read.</summary>
    private static readonly TimeSpan FirstReadWait = TimeSpan.FromSeconds(5);

    private async Task ApplyAsync(LiveView<BoardSnapshot> watch, BoardSnapshot snapshot, bool tellPage = true)
    {
        if (!ReferenceEquals(watch, _watch))
            return;
        _fed = true;
        _graph = snapshot.Graph;
        _statuses = _graph is null ? [] : StepStatus.Of(_graph);
        _balance = snapshot.Balance;
        _quotes = snapshot.Quotes.ToDictionary();
        _mediaUrls = snapshot.Links.ToDictionary(l => l.Key, l => l.Value.Url);
        _downloads = snapshot.Downloads.ToDictionary(d => d.Key[..d.Key.IndexOf('|', StringComparison.Ordinal)], d => d.Value.Url);
        StateHasChanged();
        // The page has just read the project itself when the first snapshot comes: it hears of the later ones.
        if (tellPage)
            await OnChanged.InvokeAsync();
    }

    private async Task GenerateAsync(ProductionStep step)
    {
        // Clicks the browser sent before the button showed busy land here one after another: only the first acts.
        if (_busy)
            return;
        _busy = true;
        try
        {
            // A later click of the same burst: the service answers it with what the first one queued; nothing to confirm.
            if ((await Production.RepeatOfAsync(_userId, ProjectId, step)).Count > 0)
                return;
            var quote = await Production.QuoteAsync(_userId, ProjectId, step);
            if (quote.IsFailure || quote.Value.Blocker is not null)
            {
                Snackbar.Add(L.Blocker(quote.IsFailure ? quote.Error! : quote.Value.Blocker!), Severity.Warning);
                return;
            }

            // Every stage is confirmed with its quote first (tasks, credits, time, wallet, budget): never spend by surprise.
            if (!await Quotes.ConfirmAsync(_userId, ProjectId, L[$"Step.{step}"], quote.Value))
                return;

            // Within the creator's rate limit: a refusal names the wait (its error's argument).
            var queued = await Generation.GenerateAsync(_userId, ProjectId, step);
            if (queued.IsFailure)
            {
                Snackbar.Add(L.Blocker(queued), Severity.Error);
                return;
            }
            Snackbar.Add(queued.Value.Count == 1 ? L["QueuedOne"] : L["Queued", queued.Value.Count], Severity.Info);
        }
        catch (Exception exception) when (DatabaseFaults.IsTransient(exception))
        {
            // An outage is news for the creator, not a reason to drop the circuit; the live watch re-reads the board.
            Snackbar.Add(L["Live.Unavailable"], Severity.Error);
        }
        finally
        {
            _busy = false;
            // Every board and canvas on the project reads it afresh; while the database is away the feed keeps trying.
            _watch?.RequestReload();
        }
    }

    /// <summary>Stops every waiting, queued or running task of the step at once (their credits come back).</summary>
    private async Task StopAsync(ProductionStep step)
    {
        if (_busy)
            return;
        _busy = true;
        try
        {
            var stopped = await Production.StopAsync(_userId, ProjectId, step);
            if (stopped.IsFailure)
                Snackbar.Add(L.Blocker(stopped.Error!), Severity.Warning);
            else
                Snackbar.Add(L["Stopped", stopped.Value], Severity.Info);
        }
        catch (Exception exception) when (DatabaseFaults.IsTransient(exception))
        {
            Snackbar.Add(L["Live.Unavailable"], Severity.Error);
        }
        finally
        {
            _busy = false;
            // Every board and canvas on the project reads it afresh; while the database is away the feed keeps trying.
            _watch?.RequestReload();
        }
    }

    private static bool CanGenerate(ProductionQuote? quote) => quote is { Blocker: null, TaskCount: > 0 };

    private double Percent(ProductionStep step) => _watch?.PercentOf(TaskTypes(step)) ?? 5;

    private static NodeKind[] TaskTypes(ProductionStep step) => step switch
    {
        ProductionStep.StoryBible => [NodeKind.StoryBible],
        ProductionStep.Characters or ProductionStep.Portraits => [NodeKind.Character],
        ProductionStep.Scripts => [NodeKind.Script],
        ProductionStep.SceneDesigns or ProductionStep.ShotLists => [NodeKind.Scene],
        ProductionStep.ComposePreview or ProductionStep.ComposeFinal => [NodeKind.Compose],
        ProductionStep.MusicVideoShots => [NodeKind.Scene],
        ProductionStep.SongMap => [NodeKind.SongMap],
        ProductionStep.NoteOutline => [NodeKind.NoteOutline],
        ProductionStep.NotePages => [NodeKind.NotePage],
        ProductionStep.NotePost => [NodeKind.NotePost],
        _ => [NodeKind.Segment],
    };

    private string StatusText(StepStatus status) => status.State switch
    {
        NodeState.Running or NodeState.Queued => L["Status.Working"],
        NodeState.Failed => L["Status.Failed"],
        NodeState.Stale => L["Status.Stale"],
        NodeState.Ready => status.Total > 1 ? L["Status.Partial", status.Done, status.Total] : L["Status.Ready"],
        _ => status.Done > 0 ? L["Status.Partial", status.Done, status.Total] : L["Status.Empty"],
    };

    private string FailureLine(StepStatus status)
    {
        var reason = F.Reason(status.Error);
        return status.Total > 1 ? $"{F["FailedOf", status.Failed, status.Total]}: {reason}" : reason;
    }

    private static string StateName(NodeState state) => state.ToString().ToLowerInvariant();

    private static string StateClass(NodeState state) => "state-" + StateName(state);

    private static string StepIcon(ProductionStep step) => step switch
    {
        ProductionStep.StoryBible => Icons.Material.Filled.MenuBook,
        ProductionStep.Characters => Icons.Material.Filled.People,
        ProductionStep.Portraits => Icons.Material.Filled.Face,
        ProductionStep.Scripts => Icons.Material.Filled.Description,
        ProductionStep.SceneDesigns => Icons.Material.Filled.Landscape,
        ProductionStep.ShotLists => Icons.Material.Filled.ViewCarousel,
        ProductionStep.ShotImages => Icons.Material.Filled.Image,
        ProductionStep.ShotAudio => Icons.Material.Filled.RecordVoiceOver,
        ProductionStep.ComposePreview => Icons.Material.Filled.Preview,
        ProductionStep.ComposeFinal => Icons.Material.Filled.Movie,
        ProductionStep.SongMap => Icons.Material.Filled.QueueMusic,
        ProductionStep.MusicVideoShots => Icons.Material.Filled.GraphicEq,
        ProductionStep.NoteOutline => Icons.Material.Filled.FormatListNumbered,
        ProductionStep.NotePages => Icons.Material.Filled.PhotoLibrary,
        ProductionStep.NotePost => Icons.Material.Filled.Notes,
        _ => Icons.Material.Filled.AutoAwesome,
    };

    public ValueTask DisposeAsync()
    {
        _watch?.Dispose();
        return ValueTask.CompletedTask;
    }
}
