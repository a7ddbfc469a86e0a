using Microsoft.JSInterop;
using DreamX.Domain.Canvas;
using DreamX.Domain.Characters;
using DreamX.Domain.Generation;
using DreamX.Domain.Scripts;
using DreamX.Infrastructure.Persistence;
using DreamX.Domain.Storage;
using DreamX.Infrastructure.Production;
using DreamX.Infrastructure.Storage;
using DreamX.Web.Account;
using DreamX.Web.Canvas.Core;
using DreamX.Web.Canvas.Core.Models;
using DreamX.Web.Canvas.ProjectGraph;
using DreamX.Web.Components.Pages.Projects.Production;
using DreamX.Web.Live;
using DreamX.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace DreamX.Web.Components.Pages.Projects.Canvas;

/// <summary>
/// A project's production canvas: the graph of its stages, each card with its Generate button, and a side panel to
/// generate, edit and restore the selected node. Task progress (from this tab or any other) refreshes the graph live,
/// through the instance's <see cref="CanvasLiveFeed"/>: one read of the project per interval for every canvas open on it,
/// each page laying out its own diagram from the shared snapshot.
/// </summary>
public partial class ProjectCanvasPage : IDisposable
{
    private IReadOnlyDictionary<(ProductionStep, Guid?), ProductionQuote> _quotes = new Dictionary<(ProductionStep, Guid?), ProductionQuote>();
    private Diagram? _diagram;
    // What the canvas shows while the project is read (nothing): its browser side starts meanwhile.
    private readonly Diagram _waiting = new();
    private NodeModel? _selected;
    private LiveView<CanvasSnapshot>? _watch;
    private CanvasSnapshot? _snapshot;
    private string? _title;
    private string _ownerId = "";
    private bool _loading = true;
    private ElementReference _panelFocus;
    private bool _busy;

    [Parameter] public Guid ProjectId { get; set; }

    [Inject] private IStringLocalizer<CanvasText> L { get; set; } = null!;
    [Inject] private IStringLocalizer<ProductionText> P { get; set; } = null!;
    [Inject] private IStringLocalizer<AppText> Common { get; set; } = null!;
    [Inject] private IStringLocalizer<CanvasPanelText> PanelText { get; set; } = null!;
    [Inject] private IStringLocalizer<FailureText> Failures { get; set; } = null!;
    [Inject] private ProjectCanvas Canvas { get; set; } = null!;
    [Inject] private StageProduction Production { get; set; } = null!;
    [Inject] private DreamX.Web.Hosting.CircuitGeneration Generation { get; set; } = null!;
    [Inject] private CanvasLiveFeed Feed { get; set; } = null!;
    [Inject] private CurrentUser User { get; set; } = null!;
    [Inject] private QuoteConfirmation Quotes { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private IStringLocalizer<CollabText> Collab { get; set; } = null!;
    [Inject] private DreamX.Infrastructure.Projects.ProjectMembers Team { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    private DreamX.Infrastructure.Projects.ProjectRole _role;
    [Inject] private DreamX.Infrastructure.Projects.ProjectPresence Presence { get; set; } = null!;
    [Inject] private CircuitConnection Connection { get; set; } = null!;
    private IReadOnlyList<DreamX.Infrastructure.Projects.PresentUser> _present = [];
    private Guid _presenceSession;
    private CancellationTokenSource? _presenceStop;

    /// <summary>The card of every node, with its main Generate button, its next step or its Retry.</summary>
    private RenderFragment<NodeModel> CardTemplate => node => builder =>
    {
        builder.OpenComponent<CanvasNodeCard>(0);
        builder.AddComponentParameter(1, nameof(CanvasNodeCard.Node), node);
        builder.AddComponentParameter(2, nameof(CanvasNodeCard.Actions), CardActions);
        builder.AddComponentParameter(3, nameof(CanvasNodeCard.Blocker), CardBlocker(node));
        builder.CloseComponent();
    };

    /// <summary>
    /// A card's buttons: its main action (Generate/Regenerate with its credit cost, data-action="generate") and either the
    /// Retry of its failed work (data-action="retry") or the next step once its inputs exist (data-action="next").
    /// </summary>
    private RenderFragment<NodeModel> CardActions => node => builder =>
    {
        // A viewer sees the work, not the buttons that change it (the services refuse them too).
        if (_role == DreamX.Infrastructure.Projects.ProjectRole.Viewer)
            return;
        if (CanvasNodeAction.For(node) is [var main, ..])
        {
            builder.OpenComponent<CanvasGenerateButton>(1);
            builder.AddComponentParameter(2, nameof(CanvasGenerateButton.Action), main);
            builder.AddComponentParameter(3, nameof(CanvasGenerateButton.Quote), _quotes.GetValueOrDefault(main.QuoteKey));
            var alone = RetryOf(node) is null && CanvasNextStep.For(node, _diagram!) is null;
            builder.AddComponentParameter(4, nameof(CanvasGenerateButton.Main), alone);
            builder.AddComponentParameter(19, nameof(CanvasGenerateButton.IconOnly), !alone);
            builder.AddComponentParameter(5, nameof(CanvasGenerateButton.Hook), "generate");
            builder.AddComponentParameter(6, nameof(CanvasGenerateButton.Compact), true);
            builder.AddComponentParameter(7, nameof(CanvasGenerateButton.Done), MainDone(node));
            builder.AddComponentParameter(8, nameof(CanvasGenerateButton.Busy), _busy);
            builder.AddComponentParameter(9, nameof(CanvasGenerateButton.OnGenerate), EventCallback.Factory.Create<CanvasNodeAction>(this, GenerateAsync));
            builder.CloseComponent();
        }
        var (second, label, hook) = RetryOf(node) is { } retry ? (retry, Failures["Retry"].Value, "retry")
            : CanvasNextStep.For(node, _diagram!) is { } next ? (next, PanelText[next.Label].Value, "next")
            : default;
        if (second is null)
            return;
        builder.OpenComponent<CanvasGenerateButton>(10);
        builder.AddComponentParameter(11, nameof(CanvasGenerateButton.Action), second);
        builder.AddComponentParameter(12, nameof(CanvasGenerateButton.Quote), _quotes.GetValueOrDefault(second.QuoteKey));
        builder.AddComponentParameter(13, nameof(CanvasGenerateButton.Main), true);
        builder.AddComponentParameter(14, nameof(CanvasGenerateButton.Hook), hook);
        builder.AddComponentParameter(15, nameof(CanvasGenerateButton.Text), label);
        builder.AddComponentParameter(16, nameof(CanvasGenerateButton.Compact), true);
        builder.AddComponentParameter(17, nameof(CanvasGenerateButton.Busy), _busy);
        builder.AddComponentParameter(18, nameof(CanvasGenerateButton.OnGenerate), EventCallback.Factory.Create<CanvasNodeAction>(this, GenerateAsync));
        builder.CloseComponent();
    };

    private static CanvasNodeAction? RetryOf(NodeModel node) => CanvasCardActions.RetryOf(node);

    private IEnumerable<CanvasNodeAction> CardActionsOf(NodeModel node) => CanvasCardActions.Of(node, _diagram!);

    /// <summary>Why the card's leading button (its next step, else its main action) cannot run, in words on the card.</summary>
    private string? CardBlocker(NodeModel node)
    {
        var leading = CardActionsOf(node).LastOrDefault();
        return leading is not null && _quotes.GetValueOrDefault(leading.QuoteKey)?.Blocker is { } code && code != StageProduction.AlreadyRunning
            ? P.Blocker(code)
            : null;
    }

    /// <summary>The side panel's work area: every action of the node, its edit form and its versions.</summary>
    private RenderFragment<NodeModel> PanelActions => node => builder =>
    {
        builder.OpenComponent<CanvasNodeWork>(0);
        builder.AddComponentParameter(1, nameof(CanvasNodeWork.Node), node);
        builder.AddComponentParameter(2, nameof(CanvasNodeWork.ProjectId), ProjectId);
        builder.AddComponentParameter(3, nameof(CanvasNodeWork.OwnerId), _ownerId);
        builder.AddComponentParameter(4, nameof(CanvasNodeWork.ProjectTitle), _title ?? "");
        builder.AddComponentParameter(5, nameof(CanvasNodeWork.Quotes), _quotes);
        builder.AddComponentParameter(6, nameof(CanvasNodeWork.Busy), _busy);
        builder.AddComponentParameter(7, nameof(CanvasNodeWork.OnGenerate), EventCallback.Factory.Create<CanvasNodeAction>(this, GenerateAsync));
        builder.AddComponentParameter(8, nameof(CanvasNodeWork.Characters), Characters());
        builder.AddComponentParameter(9, nameof(CanvasNodeWork.ShotCount), ShotCountOf(node));
        builder.AddComponentParameter(10, nameof(CanvasNodeWork.OnChanged), EventCallback.Factory.Create(this, AfterEditAsync));
        builder.AddComponentParameter(11, nameof(CanvasNodeWork.MainDone), MainDone(node));
        builder.AddComponentParameter(12, nameof(CanvasNodeWork.OnStop), EventCallback.Factory.Create<CanvasNodeAction>(this, StopAsync));
        builder.AddComponentParameter(13, nameof(CanvasNodeWork.ReadOnly), _role == DreamX.Infrastructure.Projects.ProjectRole.Viewer);
        builder.AddComponentParameter(14, nameof(CanvasNodeWork.TranslateEpisode), _translate ??= TranslateEpisodeAsync);
        builder.AddComponentParameter(15, nameof(CanvasNodeWork.Revision), _snapshot);
        builder.AddComponentParameter(16, nameof(CanvasNodeWork.Running), _watch?.Running ?? []);
        builder.AddComponentParameter(17, nameof(CanvasNodeWork.IsOwner), _role == DreamX.Infrastructure.Projects.ProjectRole.Owner);
        builder.CloseComponent();
    };

    protected override async Task OnParametersSetAsync()
    {
        // The canvas needs the browser to measure and draw; prerendering 300 cards would only double the work.
        if (!RendererInfo.IsInteractive)
            return;
        _loading = true;
        Detach();
        _diagram = null;
        _snapshot = null;
        _selected = null;
        _ownerId = await User.GetIdAsync();
        _role = await Team.RoleAsync(_ownerId, ProjectId);
        StopPresence();
        _present = [];
        _presenceSession = Guid.NewGuid();
        _presenceStop = new CancellationTokenSource();
        Connection.Changed -= OnConnectionChanged;
        Connection.Changed += OnConnectionChanged;
        _ = KeepPresenceAsync(ProjectId, _presenceSession, _presenceStop.Token);
        // The first snapshot (read after this page joined) draws the canvas; later ones bring it up to date.
        LiveView<CanvasSnapshot>? watch = null;
        // A snapshot still on its way from a project this page showed before is dropped.
        watch = Feed.Watch(_ownerId, ProjectId,
            snapshot => InvokeAsync(() => { if (ReferenceEquals(watch, _watch)) Apply(snapshot); }),
            () => InvokeAsync(() => { if (ReferenceEquals(watch, _watch)) OnLiveNews(); }));
        _watch = watch;
    }

    /// <summary>Draws the canvas from a fresh snapshot, or brings the open one up to date without losing the view.</summary>
    private void Apply(CanvasSnapshot snapshot)
    {
        if (_diagram is not null && snapshot.Graph is not null && ReferenceEquals(_snapshot?.Graph, snapshot.Graph))
        {
            // The prices of the read whose graph is drawn already (the feed hands a joining page the graph first): the
            // graph is the same, only the cards' buttons change.
            _snapshot = snapshot;
            Decorate(snapshot);
            StateHasChanged();
            return;
        }
        _snapshot = snapshot;
        if (snapshot.Graph is not { } graph)
        {
            Detach(keepWatch: true);
            _diagram = null;
            _selected = null;
            _loading = false;
            StateHasChanged();
            return;
        }
        if (_diagram is null)
        {
            _diagram = Canvas.Build(graph, snapshot.Placements);
            _diagram.SelectionChanged += OnSelectionChanged;
            _diagram.GestureEnded += OnGestureEnded;
            _diagram.NodeOpened += OnNodeOpened;
        }
        else
        {
            var known = _diagram.Nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
            Canvas.Refresh(_diagram, graph, snapshot.Placements);
            BringIntoView(_diagram.Nodes.Where(n => !known.Contains(n.Id) && !n.Hidden).ToList());
            if (_selected is not null && _diagram.Nodes.Find(_selected.Id) is null)
                _selected = null;
        }
        _title = graph.Project.Title;
        _loading = false;
        Decorate(snapshot);
        StateHasChanged();
    }

    /// <summary>
    /// New nodes come into view: the whole graph when it still fits at a readable zoom, otherwise the new nodes
    /// (centred) — unless some are on screen already, so a creator looking at them is not moved.
    /// </summary>
    private void BringIntoView(IReadOnlyList<NodeModel> added)
    {
        if (added.Count == 0 || _diagram is null)
            return;
        var view = _diagram.Viewport;
        if (added.Any(n => view.Intersects(n.Bounds)))
            return;
        var zoom = _diagram.Zoom;
        _diagram.ZoomToFit();
        if (_diagram.Zoom >= ReadableZoom)
            return;
        _diagram.SetZoom(Math.Max(zoom, ReadableZoom));
        if (Rect.Around(added.Select(n => n.Bounds)) is { } bounds)
            _diagram.CenterOn(bounds.Center);
    }

    private List<NodeModel> FailedNodes() => _diagram?.Nodes.Where(n => n.State == "failed").OrderBy(n => n.Position.Y).ThenBy(n => n.Position.X).ToList() ?? [];

    private int _shownFailure = -1;

    /// <summary>Takes the view to the next failed node (a collapsed ancestor keeps it hidden: "fit" and expand show it).</summary>
    private void ShowNextFailure()
    {
        var failed = FailedNodes().Where(n => !n.Hidden).ToList();
        if (failed.Count == 0 || _diagram is null)
            return;
        _shownFailure = (_shownFailure + 1) % failed.Count;
        if (_diagram.Zoom < ReadableZoom)
            _diagram.SetZoom(ReadableZoom);
        _diagram.Reveal(failed[_shownFailure]);
        _diagram.FocusNode(failed[_shownFailure]);
    }

    /// <summary>Below this zoom a card's text cannot be read.</summary>
    private const double ReadableZoom = 0.5;

    /// <summary>What the stored graph does not carry (signed links, live progress, the price of every button), from the snapshot.</summary>
    /// <param name="onlyChanged">Redraw only the cards whose state, progress or links moved (news between two snapshots).</param>
    private void Decorate(CanvasSnapshot snapshot, bool onlyChanged = false)
    {
        // The prices first: a card redraws the moment it is refreshed below (outside an event the renderer does not wait
        // for the loop to end), so it must find this snapshot's prices and blockers, not the last one's.
        _quotes = snapshot.Quotes;
        if (onlyChanged)
            DecorateNodes(snapshot, onlyChanged);
        else
        {
            // Every card changes: they are drawn in one render at the batch's end, not one render per card.
            _diagram!.Batch(() => DecorateNodes(snapshot, onlyChanged));
        }
    }

    private void DecorateNodes(CanvasSnapshot snapshot, bool onlyChanged)
    {
        var progress = (_watch?.Running ?? []).GroupBy(p => p.NodeId).ToDictionary(g => g.Key, g => (int)g.Average(p => p.Percent));
        var heard = _watch?.HeardStates;
        foreach (var node in _diagram!.Nodes)
        {
            if (node.Data is not ProjectNodeData data)
                continue;
            // What a card shows that a snapshot can change: compared before and after to refresh only the cards that changed.
            (string?, int?, string?, string?, string?, string?) Shown() => (node.State, data.Progress, data.ThumbnailUrl, data.CardPictureUrl, data.ClipUrl, data.VideoUrl);
            var before = Shown();
            // A state the events brought since this snapshot was read shows at once; the next snapshot includes it.
            if (heard is { Count: > 0 } && data.Entity is { } target && heard.TryGetValue(target.Id, out var status) && HeardState(data, status) is { } shown)
                node.State = shown;
            data.ThumbnailUrl = data.ThumbnailKey is { } key ? snapshot.Links.GetValueOrDefault(key)?.Url : null;
            data.CardPictureUrl = data.ThumbnailKey is { } picture ? snapshot.Thumbnails.GetValueOrDefault(picture)?.Url : null;
            data.Progress = data.Entity is { } entity && progress.TryGetValue(entity.Id, out var percent) ? percent : null;
            if (data.Entity is Shot shot)
            {
                data.ClipUrl = shot.ClipKey is { } clip ? snapshot.Links.GetValueOrDefault(clip)?.Url : null;
                data.ClipMaker = shot.ClipKey is null ? null : snapshot.ClipMakers.GetValueOrDefault(shot.Id);
            }
            if (data.Entity is Composition composition && snapshot.Graph is { } graph && composition.Renders.MaxBy(r => r.Version) is { } render)
            {
                data.VideoUrl = snapshot.Links.GetValueOrDefault(render.VideoKey)?.Url;
                var name = CanvasLiveFeed.EpisodeFileName(graph, composition, render);
                var downloads = new Dictionary<string, string>();
                foreach (var (file, format, extension) in CanvasLiveFeed.EpisodeFiles(render))
                {
                    if (snapshot.Downloads.GetValueOrDefault(CanvasSnapshot.DownloadKey(file, $"{name}.{extension}")) is { } link)
                        downloads[format] = link.Url;
                }
                // Every other finished language: its video and subtitles ("en-US mp4", "en-US srt").
                foreach (var other in CanvasLiveFeed.LatestPerLanguage(composition).Where(r => r.Id != render.Id))
                {
                    var otherName = CanvasLiveFeed.EpisodeFileName(graph, composition, other);
                    foreach (var (file, format, extension) in CanvasLiveFeed.EpisodeFiles(other).Where(f => f.Format is "mp4" or "srt"))
                    {
                        if (snapshot.Downloads.GetValueOrDefault(CanvasSnapshot.DownloadKey(file, $"{otherName}.{extension}")) is { } link)
                            downloads[$"{other.Language ?? graph.Project.Checkpoint?.Language} {format}"] = link.Url;
                    }
                }
                data.Downloads = downloads;
            }
            if (data.Kind == NodeKind.NoteExport)
                data.Slides = NoteSlides(data, snapshot);
            if (!onlyChanged || data.Kind == NodeKind.NoteExport || before != Shown())
                node.Refresh();
        }
    }

    /// <summary>
    /// How a node shows its task's state heard from an event; null when the event does not say (a cancelled run shows
    /// what the node had before, and a scene's state is its design's while its shot list has a state of its own).
    /// </summary>
    private static string? HeardState(ProjectNodeData data, GenerationTaskStatus status) => data.Kind == NodeKind.Scene ? null : status switch
    {
        GenerationTaskStatus.Blocked or GenerationTaskStatus.Queued => ProjectNodeKinds.StateName(NodeState.Queued),
        GenerationTaskStatus.Running => ProjectNodeKinds.StateName(NodeState.Running),
        GenerationTaskStatus.Succeeded => ProjectNodeKinds.StateName(NodeState.Ready),
        GenerationTaskStatus.Failed => ProjectNodeKinds.StateName(NodeState.Failed),
        _ => null,
    };

    /// <summary>Progress percentages moved (no read needed) or the feed's health changed: the cards show the latest.</summary>
    private void OnLiveNews()
    {
        if (_snapshot is not null && _diagram is not null)
            Decorate(_snapshot, onlyChanged: true);
        StateHasChanged();
    }

    /// <summary>The note's carousel: each made page's picture and a link that saves it as its numbered file (both signed by the feed).</summary>
    private static List<NoteSlide> NoteSlides(ProjectNodeData data, CanvasSnapshot snapshot)
    {
        var slides = new List<NoteSlide>();
        var pages = data.NotePages.ToList();
        for (var i = 0; i < pages.Count; i++)
        {
            if (pages[i].ImageKey is not { } key)
                continue;
            var file = DreamX.Infrastructure.Media.Notes.NoteExport.FileName(i);
            if (snapshot.Links.GetValueOrDefault(key) is { } view && snapshot.Downloads.GetValueOrDefault(CanvasSnapshot.DownloadKey(key, file)) is { } download)
                slides.Add(new NoteSlide(pages[i].Number, view.Url, download.Url, file));
        }
        return slides;
    }

    private async Task GenerateAsync(CanvasNodeAction action)
    {
        // Clicks the browser sent before the button showed busy land here one after another: only the first acts.
        if (_busy)
            return;
        _busy = true;
        try
        {
            // Clicks of the same burst that arrive after the first one's call returned: the service's repeat rule answers
            // them with what the first one queued (the creator changed nothing since), so there is nothing to price,
            // confirm or say again.
            if ((await Production.RepeatOfAsync(_ownerId, ProjectId, action.Step, action.NodeId)).Count > 0)
                return;
            var quote = await Production.QuoteAsync(_ownerId, ProjectId, action.Step, action.NodeId);
            if (quote.IsFailure || quote.Value.Blocker is not null)
            {
                Snackbar.Add(P.Blocker(quote.IsFailure ? quote.Error! : quote.Value.Blocker!), Severity.Warning);
                return;
            }

            if (action.NeedsConfirmation(quote.Value))
            {
                if (!await Quotes.ConfirmAsync(_ownerId, ProjectId, P[$"Step.{action.Step}"], quote.Value))
                    return;
            }

            // Within the creator's rate limit: a refusal names the wait (its error's argument).
            var queued = await Generation.GenerateAsync(_ownerId, ProjectId, action.Step, action.NodeId);
            if (queued.IsFailure)
            {
                Snackbar.Add(P.Blocker(queued), Severity.Error);
                return;
            }
            Snackbar.Add(queued.Value.Count == 1 ? P["QueuedOne"] : P["Queued", queued.Value.Count], Severity.Info);
        }
        catch (Exception exception) when (DatabaseFaults.IsTransient(exception))
        {
            // An outage is news for the creator, not a reason to drop the circuit.
            Snackbar.Add(L["Live.Unavailable"], Severity.Error);
        }
        finally
        {
            _busy = false;
            // Every canvas on the project reads it afresh (this one too); while the database is away the feed retries.
            _watch?.RequestReload();
            await RefocusPanelAsync();
        }
    }

    private Func<Guid, string, Task<DreamX.Domain.Common.Result<GenerationTask>>>? _translate;

    /// <summary>
    /// "Translate to…" on an episode's language switch: queued on the engine like every Generate (priced per line, held,
    /// charged on success, refunded on failure); its progress and its version reach this canvas through the live feed.
    /// </summary>
    private async Task<DreamX.Domain.Common.Result<GenerationTask>> TranslateEpisodeAsync(Guid episodeId, string language)
    {
        try
        {
            var queued = await Generation.TranslateAsync(_ownerId, episodeId, language);
            if (queued.IsSuccess)
                _watch?.RequestReload();
            return queued;
        }
        catch (Exception exception) when (DatabaseFaults.IsTransient(exception))
        {
            // An outage is news for the creator (the switch says it did not work), not a reason to drop the circuit.
            return DreamX.Domain.Common.Result.Failure<GenerationTask>("unknown");
        }
    }

    /// <summary>The panel's Stop: every waiting, queued or running task of the action's step (its node's, or the whole
    /// fan-out's) is cancelled at once, each with its credits back.</summary>
    private async Task StopAsync(CanvasNodeAction action)
    {
        if (_busy)
            return;
        _busy = true;
        try
        {
            var stopped = await Production.StopAsync(_ownerId, ProjectId, action.Step, action.NodeId);
            if (stopped.IsFailure)
                Snackbar.Add(P.Blocker(stopped.Error!), Severity.Warning);
            else
                Snackbar.Add(P["Stopped", stopped.Value], Severity.Info);
        }
        catch (Exception exception) when (DatabaseFaults.IsTransient(exception))
        {
            Snackbar.Add(L["Live.Unavailable"], Severity.Error);
        }
        finally
        {
            _busy = false;
            _watch?.RequestReload();
            await RefocusPanelAsync();
        }
    }

    /// <summary>The clicked button was disabled while it worked, which drops focus to the page: give it to the panel.</summary>
    private async Task RefocusPanelAsync()
    {
        if (_selected is null || _panelFocus.Context is null)
            return;
        try
        {
            await _panelFocus.FocusAsync();
        }
        catch (JSException)
        {
            // The panel closed meanwhile; nothing to focus.
        }
    }

    private async Task AfterEditAsync()
    {
        Snackbar.Add(Common["Common.Saved"], Severity.Success);
        _watch?.RequestReload();
        await Task.CompletedTask;
    }

    /// <summary>The members dialog: the owner manages members and share links; members see who else is on the project.</summary>
    private async Task OpenMembersAsync()
    {
        var parameters = new DialogParameters<DreamX.Web.Components.Pages.Projects.Members.ProjectMembersDialog>
        {
            { d => d.ProjectId, ProjectId },
            { d => d.UserId, _ownerId },
            { d => d.IsOwner, _role == DreamX.Infrastructure.Projects.ProjectRole.Owner },
        };
        await Dialogs.ShowAsync<DreamX.Web.Components.Pages.Projects.Members.ProjectMembersDialog>(Collab["Members.Title"], parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseButton = true });
    }

    private List<(string Key, string Name)> Characters() =>
        _diagram!.Nodes.Select(n => (n.Data as ProjectNodeData)?.Entity).OfType<Character>().Select(c => (c.Key, c.Name)).ToList();

    private int ShotCountOf(NodeModel node) =>
        (node.Data as ProjectNodeData)?.Entity is Shot shot
            ? _diagram!.Nodes.Count(n => (n.Data as ProjectNodeData)?.Entity is Shot other && other.SceneId == shot.SceneId)
            : 0;

    /// <summary>
    /// The panel follows the selection, but not in the middle of a gesture: a press that selects a card may be the start
    /// of its drag, and opening the panel (a large render and a narrower canvas) would stall the browser's preview.
    /// </summary>
    private void OnSelectionChanged(Blazor.Diagrams.Core.Models.Base.SelectableModel changed)
    {
        if (_diagram!.InGesture)
            return;
        ShowSelection();
    }

    private void OnGestureEnded() => ShowSelection();

    private void ShowSelection()
    {
        var selected = _diagram!.SelectedNodes.Take(2).ToList();
        var next = selected.Count == 1 ? selected[0] : null;
        if (next == _selected)
            return;
        _selected = next;
        _ = InvokeAsync(SelectedChangedAsync);
    }

    private void OnNodeOpened(NodeModel node)
    {
        _selected = node;
        _ = InvokeAsync(SelectedChangedAsync);
    }

    /// <summary>The panel's actions are priced with the snapshot (every action of every node is).</summary>
    private Task SelectedChangedAsync()
    {
        StateHasChanged();
        return Task.CompletedTask;
    }

    /// <summary>Whether a node's main action made something already; the checkpoint's makes the story bible.</summary>
    /// <remarks>A character's and a shot's main action makes their picture: done once there is one.</remarks>
    private bool MainDone(NodeModel node) => node.Kind switch
    {
        ProjectNodeKinds.Checkpoint => CanvasNodeWork.IsDone((_diagram?.Nodes.Find(ProjectGraphMapper.StoryBibleKey) ?? _diagram?.Nodes.Find(ProjectGraphMapper.NoteOutlineKey))?.Data as ProjectNodeData),
        ProjectNodeKinds.Character or ProjectNodeKinds.Segment or ProjectNodeKinds.NotePage => (node.Data as ProjectNodeData)?.ThumbnailKey is not null,
        _ => CanvasNodeWork.IsDone(node.Data as ProjectNodeData),
    };

    /// <summary>
    /// Saves the places a drag left its cards at, without drawing the page again: nothing on it changes (the canvas drew
    /// the cards already, a failure is a snackbar), and a page render on every drop would redraw the header and the open
    /// panel for nothing. An event callback with the page as its receiver would render it after each drop.
    /// </summary>
    private EventCallback<IReadOnlyList<NodeModel>> SaveMoved => new(null, (Func<IReadOnlyList<NodeModel>, Task>)SaveAsync);

    private async Task SaveAsync(IReadOnlyList<NodeModel> nodes)
    {
        bool saved;
        try
        {
            saved = await Canvas.SaveAsync(_ownerId, ProjectId, nodes);
        }
        catch (Exception exception) when (DatabaseFaults.IsTransient(exception))
        {
            saved = false;
        }
        if (!saved)
            Snackbar.Add(L["Saved.Failed"], Severity.Error);
    }

    private Task SaveCollapseAsync(NodeModel node) => SaveAsync([node]);

    private async Task TidyUpAsync()
    {
        await Canvas.TidyUpAsync(_ownerId, ProjectId, _diagram!);
        _diagram!.ZoomToFit(minimumZoom: 0.6);
    }

    private void OnDrawerOpenChanged(bool open)
    {
        if (!open)
            ClosePanel();
    }

    private void ClosePanel() => _diagram?.UnselectAll();

    private void OnKeyDown(KeyboardEventArgs e)
    {
        if (e.Key == "Escape")
            ClosePanel();
    }

    private void Detach(bool keepWatch = false)
    {
        if (!keepWatch)
        {
            _watch?.Dispose();
            _watch = null;
        }
        if (_diagram is null)
            return;
        _diagram.SelectionChanged -= OnSelectionChanged;
        _diagram.GestureEnded -= OnGestureEnded;
        _diagram.NodeOpened -= OnNodeOpened;
    }

    /// <summary>
    /// Says "here" for this canvas every few seconds and keeps who else has the project open (any instance: the entries
    /// are in PostgreSQL); the loop ends with the page or when it shows another project.
    /// </summary>
    private async Task KeepPresenceAsync(Guid projectId, Guid session, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(DreamX.Infrastructure.Projects.ProjectPresence.HeartbeatInterval);
        try
        {
            do
            {
                IReadOnlyList<DreamX.Infrastructure.Projects.PresentUser> present;
                // A closed tab keeps its circuit for a while: only a connected browser is "here".
                if (!Connection.IsUp)
                    continue;
                try
                {
                    present = await Presence.HereAsync(_ownerId, projectId, session, ct);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // Presence is a courtesy: a missed beat changes nothing else on the page.
                    continue;
                }
                if (ct.IsCancellationRequested)
                    return;
                if (!present.Select(p => (p.UserId, p.Name)).SequenceEqual(_present.Select(p => (p.UserId, p.Name))))
                {
                    _present = present;
                    await InvokeAsync(StateHasChanged);
                }
            }
            while (await timer.WaitForNextTickAsync(ct));
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>The browser went away: the others see this canvas go at once (it says "here" again when it is back).</summary>
    private async Task OnConnectionChanged(bool up)
    {
        if (!up && _presenceStop is not null)
        {
            try
            {
                await Presence.LeftAsync(_presenceSession);
            }
            catch (Exception)
            {
                // Left to time out.
            }
        }
    }

    private void StopPresence()
    {
        if (_presenceStop is null)
            return;
        _presenceStop.Cancel();
        _presenceStop.Dispose();
        _presenceStop = null;
        var session = _presenceSession;
        // The others see this canvas go at once; a failure here only leaves it to time out.
        _ = Task.Run(async () =>
        {
            try
            {
                await Presence.LeftAsync(session);
            }
            catch (Exception)
            {
            }
        });
    }

    public void Dispose()
    {
        Connection.Changed -= OnConnectionChanged;
        StopPresence();
        Detach();
    }
}
