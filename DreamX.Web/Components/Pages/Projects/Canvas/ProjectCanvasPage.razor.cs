using Microsoft.JSInterop;
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
using DreamX.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace DreamX.Web.Components.Pages.Projects.Canvas;

/// <summary>
/// A project's production canvas: the graph of its stages, each card with its Generate button, and a side panel to
/// generate, edit and restore the selected node. Task progress (from this tab or any other) refreshes the graph live.
/// </summary>
public partial class ProjectCanvasPage : IDisposable
{
    private readonly Dictionary<string, string> _thumbnails = [];
    private readonly Dictionary<string, string> _downloads = [];
    private readonly SemaphoreSlim _reloading = new(1, 1);
    private IReadOnlyDictionary<(ProductionStep, Guid?), ProductionQuote> _quotes = new Dictionary<(ProductionStep, Guid?), ProductionQuote>();
    private Diagram? _diagram;
    private NodeModel? _selected;
    private ProjectProgressWatch? _watch;
    private string? _title;
    private string _ownerId = "";
    private bool _loading = true;
    private bool _priceAfterRender;
    private ElementReference _panelFocus;
    private bool _busy;

    /// <summary>When each action last queued work here: the rest of a click burst on it is ignored for the repeat window.</summary>
    private readonly Dictionary<(ProductionStep Step, Guid? NodeId), DateTimeOffset> _queuedAt = [];

    [Parameter] public Guid ProjectId { get; set; }

    [Inject] private IStringLocalizer<CanvasText> L { get; set; } = null!;
    [Inject] private IStringLocalizer<ProductionText> P { get; set; } = null!;
    [Inject] private IStringLocalizer<AppText> Common { get; set; } = null!;
    [Inject] private IStringLocalizer<CanvasPanelText> PanelText { get; set; } = null!;
    [Inject] private IStringLocalizer<FailureText> Failures { get; set; } = null!;
    [Inject] private ProjectCanvas Canvas { get; set; } = null!;
    [Inject] private StageProduction Production { get; set; } = null!;
    [Inject] private MediaUrls Media { get; set; } = null!;
    [Inject] private ITaskProgressBus Bus { get; set; } = null!;
    [Inject] private CurrentUser User { get; set; } = null!;
    [Inject] private QuoteConfirmation Quotes { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;

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

    /// <summary>The action that retries a node's failed work (its first failure), or null.</summary>
    private static CanvasNodeAction? RetryOf(NodeModel node) =>
        node.State == "failed" && (node.Data as ProjectNodeData)?.FailureList is [var failure, ..]
            ? new CanvasNodeAction(failure.RetryStep, failure.NodeId, "Retry")
            : null;

    /// <summary>The buttons a card shows, in the order it shows them.</summary>
    private IEnumerable<CanvasNodeAction> CardActionsOf(NodeModel node)
    {
        if (CanvasNodeAction.For(node) is [var main, ..])
            yield return main;
        if ((RetryOf(node) ?? CanvasNextStep.For(node, _diagram!)) is { } second)
            yield return second;
    }

    /// <summary>Why the card's leading button (its next step, else its main action) cannot run, in words on the card.</summary>
    private string? CardBlocker(NodeModel node)
    {
        var leading = CardActionsOf(node).LastOrDefault();
        return leading is not null && _quotes.GetValueOrDefault(leading.QuoteKey)?.Blocker is { } code && code != StageProduction.AlreadyRunning
            ? Blocker(code)
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
        builder.CloseComponent();
    };

    protected override async Task OnParametersSetAsync()
    {
        // The canvas needs the browser to measure and draw; prerendering 300 cards would only double the work.
        if (!RendererInfo.IsInteractive)
            return;
        _loading = true;
        Detach();
        _ownerId = await User.GetIdAsync();
        var opened = await Canvas.OpenAsync(_ownerId, ProjectId);
        _diagram = opened.IsSuccess ? opened.Value : null;
        _selected = null;
        if (_diagram is not null)
        {
            _title = _diagram.Nodes.Find(ProjectGraphMapper.CheckpointKey)?.Title;
            _diagram.SelectionChanged += OnSelectionChanged;
            _diagram.NodeOpened += OnNodeOpened;
            // The cards are drawn first and priced right after: pricing 300 buttons need not hold up the first picture.
            await DecorateAsync(priced: false);
            _priceAfterRender = true;
            _watch = ProjectProgressWatch.Start(Bus, ProjectId, () => InvokeAsync(ReloadAsync), () => InvokeAsync(StateHasChanged));
        }
        _loading = false;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!_priceAfterRender || _diagram is null)
            return;
        _priceAfterRender = false;
        await _reloading.WaitAsync();
        try
        {
            await DecorateAsync();
        }
        finally
        {
            _reloading.Release();
        }
        StateHasChanged();
    }

    /// <summary>Brings the graph up to date (states, new nodes, thumbnails, prices) without losing the view.</summary>
    /// <remarks>
    /// One at a time: the progress watch and a Generate click can both ask for a reload, and two overlapping ones
    /// could finish out of order, leaving the older read on screen with no event left to correct it.
    /// </remarks>
    private async Task ReloadAsync()
    {
        await _reloading.WaitAsync();
        try
        {
            if (_diagram is null)
                return;
            var known = _diagram.Nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
            if (!await Canvas.RefreshAsync(_ownerId, ProjectId, _diagram))
                return;
            BringIntoView(_diagram.Nodes.Where(n => !known.Contains(n.Id) && !n.Hidden).ToList());
            if (_selected is not null && _diagram.Nodes.Find(_selected.Id) is null)
                _selected = null;
            await DecorateAsync();
            StateHasChanged();
        }
        finally
        {
            _reloading.Release();
        }
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

    /// <summary>What the stored graph does not carry: signed thumbnails, live progress and the price of every button.</summary>
    /// <param name="priced">False: thumbnails and progress only, the buttons keep their prices (or wait for them).</param>
    private async Task DecorateAsync(bool priced = true)
    {
        var nodes = _diagram!.Nodes.ToList();
        var unsigned = nodes.Select(n => (n.Data as ProjectNodeData)?.ThumbnailKey).OfType<string>().Where(k => !_thumbnails.ContainsKey(k)).ToList();
        foreach (var (key, url) in await MediaLinks.SignAsync(Media, _ownerId, unsigned))
            _thumbnails[key] = url;

        // Shots with a video clip play it on their card and say which provider made it.
        var clips = nodes.Select(n => ((n.Data as ProjectNodeData)?.Entity as DreamX.Domain.Scripts.Shot)?.ClipKey).OfType<string>().Where(k => !_thumbnails.ContainsKey(k)).ToList();
        foreach (var (key, url) in await MediaLinks.SignAsync(Media, _ownerId, clips))
            _thumbnails[key] = url;
        var makers = nodes.Any(n => ((n.Data as ProjectNodeData)?.Entity as DreamX.Domain.Scripts.Shot)?.ClipKey is not null)
            ? await Production.ClipMakersAsync(_ownerId, ProjectId)
            : new Dictionary<Guid, string>();
        var progress = (_watch?.Running ?? []).GroupBy(p => p.NodeId).ToDictionary(g => g.Key, g => (int)g.Average(p => p.Percent));
        foreach (var node in nodes)
        {
            if (node.Data is not ProjectNodeData data)
                continue;
            data.ThumbnailUrl = data.ThumbnailKey is { } key ? _thumbnails.GetValueOrDefault(key) : null;
            data.Progress = data.Entity is { } entity && progress.TryGetValue(entity.Id, out var percent) ? percent : null;
            if (data.Entity is DreamX.Domain.Scripts.Shot shot)
            {
                data.ClipUrl = shot.ClipKey is { } clip ? _thumbnails.GetValueOrDefault(clip) : null;
                data.ClipMaker = shot.ClipKey is null ? null : makers.GetValueOrDefault(shot.Id);
            }
            if (data.Entity is Composition composition)
                await SignEpisodeAsync(data, composition);
            if (data.Kind == DreamX.Domain.Canvas.NodeKind.NoteExport)
                await SignNoteAsync(data);
        }
        if (!priced)
            return;

        var selected = _selected;
        var wanted = nodes.SelectMany(n => n == selected ? CanvasNodeAction.For(n).Concat(CardActionsOf(n)) : CardActionsOf(n)).Select(a => a.QuoteKey).Distinct().ToList();
        var quotes = await Production.QuoteManyAsync(_ownerId, ProjectId, wanted);
        // The panel may have opened on another node while those were priced: its actions are priced too, or its
        // buttons would lose their quote (and go disabled) until the next refresh.
        var panel = SelectedActionKeys().Where(k => !quotes.ContainsKey(k)).ToList();
        _quotes = panel.Count == 0 ? quotes : Merge(quotes, await Production.QuoteManyAsync(_ownerId, ProjectId, panel));
        foreach (var node in nodes)
            node.Refresh();
    }

    /// <summary>The compose node plays its latest render and offers its files: signed once per object key.</summary>
    private async Task SignEpisodeAsync(ProjectNodeData data, Composition composition)
    {
        if (composition.Renders.MaxBy(r => r.Version) is not { } render)
            return;
        if (!_thumbnails.ContainsKey(render.VideoKey))
            foreach (var (key, url) in await MediaLinks.SignAsync(Media, _ownerId, [render.VideoKey]))
                _thumbnails[key] = url;
        data.VideoUrl = _thumbnails.GetValueOrDefault(render.VideoKey);
        var name = $"{_title}-E{EpisodeNumberOf(composition)}-{render.Quality}-v{render.Version}".Replace(' ', '_');
        var downloads = new Dictionary<string, string>();
        foreach (var (key, format) in new[] { (render.VideoKey, "mp4"), (render.SubtitlesKey, "srt"), (render.TimelineKey, "otio") })
        {
            if (key is null)
                continue;
            if (!_downloads.ContainsKey(key) && ObjectKey.TryParse(key, out var parsed)
                && await Media.GetDownloadUrlAsync(parsed, ObjectReader.User(_ownerId), $"{name}.{format}", CancellationToken.None) is { IsSuccess: true } url)
                _downloads[key] = url.Value;
            if (_downloads.TryGetValue(key, out var link))
                downloads[format] = link;
        }
        data.Downloads = downloads;
    }

    /// <summary>The note's carousel: each made page's picture and a link that saves it as its numbered file.</summary>
    private async Task SignNoteAsync(ProjectNodeData data)
    {
        var slides = new List<NoteSlide>();
        var pages = data.NotePages.Where(p => p.ImageKey is not null).ToList();
        foreach (var (key, url) in await MediaLinks.SignAsync(Media, _ownerId, pages.Select(p => p.ImageKey!).Where(k => !_thumbnails.ContainsKey(k)).ToList()))
            _thumbnails[key] = url;
        for (var i = 0; i < pages.Count; i++)
        {
            var key = pages[i].ImageKey!;
            var file = DreamX.Infrastructure.Media.Notes.NoteExport.FileName(data.NotePages.ToList().IndexOf(pages[i]));
            if (!_downloads.ContainsKey(key) && ObjectKey.TryParse(key, out var parsed)
                && await Media.GetDownloadUrlAsync(parsed, ObjectReader.User(_ownerId), file, CancellationToken.None) is { IsSuccess: true } link)
                _downloads[key] = link.Value;
            if (_thumbnails.TryGetValue(key, out var view) && _downloads.TryGetValue(key, out var download))
                slides.Add(new NoteSlide(pages[i].Number, view, download, file));
        }
        data.Slides = slides;
    }

    private int EpisodeNumberOf(Composition composition) =>
        _diagram!.Nodes.Select(n => (n.Data as ProjectNodeData)?.Entity).OfType<Episode>().FirstOrDefault(e => e.Id == composition.EpisodeId)?.Number ?? 1;

    private async Task GenerateAsync(CanvasNodeAction action)
    {
        // Clicks the browser sent before the button showed busy land here one after another: only the first acts.
        if (_busy)
            return;
        // Clicks of the same burst that arrive after the first one's call returned: the work they ask for is queued
        // (or already made, which changes the item's inputs, so the service's repeat rule would no longer see them).
        if (_queuedAt.TryGetValue((action.Step, action.NodeId), out var queuedAt) && DateTimeOffset.UtcNow - queuedAt < StageProduction.RepeatWindow)
            return;
        _busy = true;
        try
        {
            var quote = await Production.QuoteAsync(_ownerId, ProjectId, action.Step, action.NodeId);
            if (quote.IsFailure || quote.Value.Blocker is not null)
            {
                Snackbar.Add(Blocker(quote.IsFailure ? quote.Error! : quote.Value.Blocker!), Severity.Warning);
                return;
            }

            if (action.NeedsConfirmation(quote.Value))
            {
                if (!await Quotes.ConfirmAsync(_ownerId, ProjectId, P[$"Step.{action.Step}"], quote.Value))
                    return;
            }

            var queued = await Production.GenerateAsync(_ownerId, ProjectId, action.Step, action.NodeId);
            if (queued.IsFailure)
            {
                Snackbar.Add(Blocker(queued.Error!), Severity.Error);
                return;
            }
            _queuedAt[(action.Step, action.NodeId)] = DateTimeOffset.UtcNow;
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
            await ReloadOrRetryAsync();
            await RefocusPanelAsync();
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
                Snackbar.Add(Blocker(stopped.Error!), Severity.Warning);
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
            await ReloadOrRetryAsync();
            await RefocusPanelAsync();
        }
    }

    /// <summary>Reloads now; when the database is away the live watch retries (and shows that it is reconnecting).</summary>
    private async Task ReloadOrRetryAsync()
    {
        try
        {
            await ReloadAsync();
        }
        catch (Exception exception) when (DatabaseFaults.IsTransient(exception))
        {
            _watch?.RequestReload();
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
        await ReloadOrRetryAsync();
    }

    private string Blocker(string code)
    {
        var text = P[$"Blocker.{code}"];
        return text.ResourceNotFound ? code : text.Value;
    }


    private List<(string Key, string Name)> Characters() =>
        _diagram!.Nodes.Select(n => (n.Data as ProjectNodeData)?.Entity).OfType<Character>().Select(c => (c.Key, c.Name)).ToList();

    private int ShotCountOf(NodeModel node) =>
        (node.Data as ProjectNodeData)?.Entity is Shot shot
            ? _diagram!.Nodes.Count(n => (n.Data as ProjectNodeData)?.Entity is Shot other && other.SceneId == shot.SceneId)
            : 0;

    private void OnSelectionChanged()
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

    /// <summary>The panel shows every action of the selected node, so those are priced when it opens.</summary>
    private async Task SelectedChangedAsync()
    {
        StateHasChanged();
        if (_selected is null)
            return;
        var keys = SelectedActionKeys().Where(k => !_quotes.ContainsKey(k)).ToList();
        if (keys.Count == 0)
            return;
        var more = await Production.QuoteManyAsync(_ownerId, ProjectId, keys);
        _quotes = Merge(_quotes, more); // a refresh may have replaced the quotes meanwhile
        StateHasChanged();
    }

    /// <summary>Whether a node's main action made something already; the checkpoint's makes the story bible.</summary>
    /// <remarks>A character's and a shot's main action makes their picture: done once there is one.</remarks>
    private bool MainDone(NodeModel node) => node.Kind switch
    {
        ProjectNodeKinds.Checkpoint => CanvasNodeWork.IsDone((_diagram?.Nodes.Find(ProjectGraphMapper.StoryBibleKey) ?? _diagram?.Nodes.Find(ProjectGraphMapper.NoteOutlineKey))?.Data as ProjectNodeData),
        ProjectNodeKinds.Character or ProjectNodeKinds.Segment or ProjectNodeKinds.NotePage => (node.Data as ProjectNodeData)?.ThumbnailKey is not null,
        _ => CanvasNodeWork.IsDone(node.Data as ProjectNodeData),
    };

    private List<(ProductionStep, Guid?)> SelectedActionKeys() =>
        _selected is null ? [] : CanvasNodeAction.For(_selected).Select(a => a.QuoteKey).ToList();

    /// <summary>The quotes of <paramref name="older"/> with those of <paramref name="newer"/> over them.</summary>
    private static Dictionary<(ProductionStep, Guid?), ProductionQuote> Merge(
        IReadOnlyDictionary<(ProductionStep, Guid?), ProductionQuote> older, IReadOnlyDictionary<(ProductionStep, Guid?), ProductionQuote> newer)
    {
        var merged = older.ToDictionary();
        foreach (var (key, quote) in newer)
            merged[key] = quote;
        return merged;
    }

    private async Task SaveAsync(IReadOnlyList<NodeModel> nodes)
    {
        if (!await Canvas.SaveAsync(_ownerId, ProjectId, nodes))
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

    private void Detach()
    {
        _watch?.Dispose();
        _watch = null;
        if (_diagram is null)
            return;
        _diagram.SelectionChanged -= OnSelectionChanged;
        _diagram.NodeOpened -= OnNodeOpened;
    }

    public void Dispose() => Detach();
}
