using DreamX.Web.Canvas.Core;
using DreamX.Web.Canvas.Core.Models;
using DreamX.Web.Canvas.ProjectGraph;

namespace DreamX.Web.Components.Pages.Projects.Canvas;

/// <summary>The buttons a card shows: its main action, then the Retry of its failed work or else its next step.</summary>
public static class CanvasCardActions
{
    /// <summary>The buttons of <paramref name="node"/>'s card, in the order it shows them.</summary>
    public static IEnumerable<CanvasNodeAction> Of(NodeModel node, Diagram diagram)
    {
        if (CanvasNodeAction.For(node) is [var main, ..])
            yield return main;
        if ((RetryOf(node) ?? CanvasNextStep.For(node, diagram)) is { } second)
            yield return second;
    }

    /// <summary>The action that retries a node's failed work (its first failure), or null.</summary>
    public static CanvasNodeAction? RetryOf(NodeModel node) =>
        node.State == "failed" && (node.Data as ProjectNodeData)?.FailureList is [var failure, ..]
            ? new CanvasNodeAction(failure.RetryStep, failure.NodeId, "Retry")
            : null;
}
