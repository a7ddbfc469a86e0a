using DreamX.Web.Account;
using DreamX.Web.Canvas.Core;
using DreamX.Web.Canvas.Core.Models;
using DreamX.Web.Canvas.ProjectGraph;
using DreamX.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace DreamX.Web.Components.Pages.Projects.Canvas;

/// <summary>A project's production canvas: the graph of its stages, with a side panel for the selected node.</summary>
public partial class ProjectCanvasPage : IDisposable
{
    private Diagram? _diagram;
    private NodeModel? _selected;
    private string? _title;
    private string _ownerId = "";
    private bool _loading = true;

    [Parameter] public Guid ProjectId { get; set; }

    [Inject] private IStringLocalizer<CanvasText> L { get; set; } = null!;
    [Inject] private IStringLocalizer<AppText> Common { get; set; } = null!;
    [Inject] private ProjectCanvas Canvas { get; set; } = null!;
    [Inject] private CurrentUser User { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    /// <summary>The card of every node.</summary>
    private RenderFragment<NodeModel> CardTemplate => node => builder =>
    {
        builder.OpenComponent<CanvasNodeCard>(0);
        builder.AddComponentParameter(1, nameof(CanvasNodeCard.Node), node);
        builder.AddComponentParameter(2, nameof(CanvasNodeCard.Actions), NodeActions);
        builder.CloseComponent();
    };

    /// <summary>
    /// Generate/Regenerate buttons (with their credit cost, data-action="generate") and edit forms of a node:
    /// the slot the generation feature fills, shown on the card and in the side panel. Empty until then.
    /// </summary>
    private RenderFragment<NodeModel>? NodeActions => null;

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
        }
        _loading = false;
    }

    private void OnSelectionChanged()
    {
        var selected = _diagram!.SelectedNodes.Take(2).ToList();
        var next = selected.Count == 1 ? selected[0] : null;
        if (next == _selected)
            return;
        _selected = next;
        _ = InvokeAsync(StateHasChanged);
    }

    private void OnNodeOpened(NodeModel node)
    {
        _selected = node;
        _ = InvokeAsync(StateHasChanged);
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
        if (_diagram is null)
            return;
        _diagram.SelectionChanged -= OnSelectionChanged;
        _diagram.NodeOpened -= OnNodeOpened;
    }

    public void Dispose() => Detach();
}
