using Microsoft.JSInterop;
using DreamX.Domain.Characters;
using DreamX.Domain.Generation;
using DreamX.Domain.Scripts;
using DreamX.Infrastructure.Persistence;
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

    [Parameter] public Guid ProjectId { get; set; }

    [Inject] private IStringLocalizer<CanvasText> L { get; set; } = null!;
    [Inject] private IStringLocalizer<ProductionText> P { get; set; } = null!;
    [Inject] private IStringLocalizer<AppText> Common { get; set; } = null!;
    [Inject] private ProjectCanvas Canvas { get; set; } = null!;
    [Inject] private StageProduction Production { get; set; } = null!;
    [Inject] private MediaUrls Media { get; set; } = null!;
    [Inject] private ITaskProgressBus Bus { get; set; } = null!;
    [Inject] private CurrentUser User { get; set; } = null!;
    [Inject] private QuoteConfirmation Quotes { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    /// <summary>The card of every node, with its main Generate button.</summary>
    private RenderFragment<NodeModel> CardTemplate => node => builder =>
    {
        builder.OpenComponent<CanvasNodeCard>(0);
        builder.AddComponentParameter(1, nameof(CanvasNodeCard.Node), node);
        builder.AddComponentParameter(2, nameof(CanvasNodeCard.Actions), CardActions);
        builder.CloseComponent();
    };

    /// <summary>A card's main action: Generate/Regenerate with its credit cost (data-action="generate").</summary>
    private RenderFragment<NodeModel> CardActions => node => builder =>
    {
        if (CanvasNodeAction.For(node) is not [var main, ..])
            return;
        builder.OpenComponent<CanvasGenerateButton>(0);
        builder.AddComponentParameter(1, nameof(CanvasGenerateButton.Action), main);
        builder.AddComponentParameter(2, nameof(CanvasGenerateButton.Quote), _quotes.GetValueOrDefault(main.QuoteKey));
        builder.AddComponentParameter(3, nameof(CanvasGenerateButton.Main), true);
        builder.AddComponentParameter(4, nameof(CanvasGenerateButton.Compact), true);
        builder.AddComponentParameter(5, nameof(CanvasGenerateButton.Done), MainDone(node));
        builder.AddComponentParameter(6, nameof(CanvasGenerateButton.Busy), _busy);
        builder.AddComponentParameter(7, nameof(CanvasGenerateButton.OnGenerate), EventCallback.Factory.Create<CanvasNodeAction>(this, GenerateAsync));
        builder.CloseComponent();
    };

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
            if (!await Canvas.RefreshAsync(_ownerId, ProjectId, _diagram))
                return;
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

    /// <summary>What the stored graph does not carry: signed thumbnails, live progress and the price of every button.</summary>
    /// <param name="priced">False: thumbnails and progress only, the buttons keep their prices (or wait for them).</param>
    private async Task DecorateAsync(bool priced = true)
    {
        var nodes = _diagram!.Nodes.ToList();
        var unsigned = nodes.Select(n => (n.Data as ProjectNodeData)?.ThumbnailKey).OfType<string>().Where(k => !_thumbnails.ContainsKey(k)).ToList();
        foreach (var (key, url) in await MediaLinks.SignAsync(Media, _ownerId, unsigned))
            _thumbnails[key] = url;

        var progress = (_watch?.Running ?? []).GroupBy(p => p.NodeId).ToDictionary(g => g.Key, g => (int)g.Average(p => p.Percent));
        foreach (var node in nodes)
        {
            if (node.Data is not ProjectNodeData data)
                continue;
            data.ThumbnailUrl = data.ThumbnailKey is { } key ? _thumbnails.GetValueOrDefault(key) : null;
            data.Progress = data.Entity is { } entity && progress.TryGetValue(entity.Id, out var percent) ? percent : null;
        }
        if (!priced)
            return;

        var selected = _selected;
        var wanted = nodes.SelectMany(n => CanvasNodeAction.For(n).Take(n == selected ? int.MaxValue : 1)).Select(a => a.QuoteKey).ToList();
        var quotes = await Production.QuoteManyAsync(_ownerId, ProjectId, wanted);
        // The panel may have opened on another node while those were priced: its actions are priced too, or its
        // buttons would lose their quote (and go disabled) until the next refresh.
        var panel = SelectedActionKeys().Where(k => !quotes.ContainsKey(k)).ToList();
        _quotes = panel.Count == 0 ? quotes : Merge(quotes, await Production.QuoteManyAsync(_ownerId, ProjectId, panel));
        foreach (var node in nodes)
            node.Refresh();
    }

    private async Task GenerateAsync(CanvasNodeAction action)
    {
        // Clicks the browser sent before the button showed busy land here one after another: only the first acts.
        if (_busy)
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

            // A stage, a fan-out or a dear action is confirmed with its quote first: never spend by surprise.
            if (action.IsFanOut || quote.Value.TaskCount > 1 || quote.Value.Credits > 10)
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
    private bool MainDone(NodeModel node) => node.Kind == ProjectNodeKinds.Checkpoint
        ? CanvasNodeWork.IsDone(_diagram?.Nodes.Find(ProjectGraphMapper.StoryBibleKey)?.Data as ProjectNodeData)
        : CanvasNodeWork.IsDone(node.Data as ProjectNodeData);

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
