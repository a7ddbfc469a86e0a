using Blazor.Diagrams.Core.Geometry;
using Bunit;
using DreamX.Domain.Canvas;
using DreamX.Domain.Generation;
using DreamX.Domain.Scripts;
using DreamX.Infrastructure.Generation;
using DreamX.Infrastructure.Production;
using DreamX.Web.Canvas.ProjectGraph;
using DreamX.Web.Canvas.Core;
using DreamX.Web.Canvas.Core.Models;
using DreamX.Web.Canvas.Rendering;
using DreamX.Web.Components.Pages.Projects.Canvas;
using Microsoft.AspNetCore.Components;

namespace DreamX.Tests.Web.Canvas;

public class NodeViewTests : StudioComponentTest
{
    private static RenderFragment<NodeModel> Card => node => builder =>
    {
        builder.OpenComponent<CanvasNodeCard>(0);
        builder.AddComponentParameter(1, nameof(CanvasNodeCard.Node), node);
        builder.CloseComponent();
    };

    private IRenderedComponent<NodeView> RenderNode(Diagram diagram, NodeModel node) =>
        Render<NodeView>(p => p.Add(v => v.Node, node).Add(v => v.Diagram, diagram).Add(v => v.Template, Card));

    [Theory]
    [InlineData("empty", "Empty")]
    [InlineData("queued", "Queued")]
    [InlineData("running", "Running")]
    [InlineData("ready", "Ready")]
    [InlineData("failed", "Failed")]
    [InlineData("stale", "Stale")]
    public void A_node_shows_its_state_and_carries_the_automation_hooks(string state, string label)
    {
        var diagram = new Diagram();
        var node = diagram.Nodes.Add(new NodeModel("scene:1", new Point(120, 80)) { Kind = "scene", State = state, Title = "INT. WARD 7 - NIGHT" });

        var view = RenderNode(diagram, node);

        var element = view.Find(".dx-node");
        Assert.Equal("scene", element.GetAttribute("data-node-kind"));
        Assert.Equal("scene:1", element.GetAttribute("data-node-id"));
        Assert.Equal(state, element.GetAttribute("data-node-state"));
        Assert.Equal("0", element.GetAttribute("tabindex"));
        Assert.Equal(label, view.Find("[data-testid='node-state']").TextContent);
        Assert.Equal(state == "running", view.FindAll("[data-testid='node-progress']").Count == 1);
    }

    [Fact]
    public void A_running_node_shows_how_far_its_generation_is()
    {
        var diagram = new Diagram();
        var data = new ProjectNodeData(NodeKind.Segment, new Shot { State = NodeState.Running, CurrentVersion = 1 }, "") { Progress = 40 };
        var node = diagram.Nodes.Add(new NodeModel("segment:1") { Kind = "segment", State = "running", Data = data });

        var view = RenderNode(diagram, node);

        Assert.Contains("width: 40%", view.Find("[data-testid='node-progress'] .card-progress-bar").GetAttribute("style"));
    }

    [Fact]
    public void A_node_says_who_made_each_result_and_shows_a_builtin_fallback_plainly()
    {
        var diagram = new Diagram();
        var data = new ProjectNodeData(NodeKind.Segment, new Shot { State = NodeState.Ready, CurrentVersion = 1 }, "")
        {
            Makers =
            [
                new NodeMaker(GenerationTaskType.ShotImage, "fake-ai", "fake-image", Fallback: false),
                new NodeMaker(GenerationTaskType.ShotAudio, "builtin", "espeak-ng", Fallback: true),
            ],
        };
        var node = diagram.Nodes.Add(new NodeModel("segment:1") { Kind = "segment", State = "ready", Data = data });

        var view = RenderNode(diagram, node);

        var maker = view.Find("[data-testid='node-maker']");
        Assert.Equal("true", maker.GetAttribute("data-fallback"));
        Assert.Equal("Built-in fallback", view.Find("[data-testid='node-fallback']").TextContent);
        Assert.Contains("fake-ai · fake-image, Built-in · espeak-ng", maker.TextContent);
        Assert.Contains("The voice: Built-in · espeak-ng (Built-in fallback)", maker.GetAttribute("title"));
    }

    [Fact]
    public void A_node_made_by_its_configured_provider_names_it_without_a_fallback_mark()
    {
        var diagram = new Diagram();
        var data = new ProjectNodeData(NodeKind.StoryBible, null, "") { Makers = [new NodeMaker(GenerationTaskType.StoryBible, "fake-ai", "fake-chat", false)] };
        var node = diagram.Nodes.Add(new NodeModel("story-bible") { Kind = "story-bible", State = "ready", Data = data });

        var view = RenderNode(diagram, node);

        Assert.Equal("false", view.Find("[data-testid='node-maker']").GetAttribute("data-fallback"));
        Assert.Empty(view.FindAll("[data-testid='node-fallback']"));
    }

    [Fact]
    public void A_failed_node_says_why_on_its_card_in_words_not_the_stored_error()
    {
        var diagram = new Diagram();
        var shot = new Shot { State = NodeState.Failed, CurrentVersion = 1, LastError = "builtin: timed out after 120 s at /srv/dreamx/work" };
        var failure = new NodeFailure(GenerationTaskType.ShotImage, TaskFailureReasons.Classify(shot.LastError), ProductionStep.ShotImages, shot.Id);
        var node = diagram.Nodes.Add(new NodeModel("segment:1") { Kind = "segment", State = "failed", Data = new ProjectNodeData(NodeKind.Segment, shot, "", Failures: [failure]) });

        var view = RenderNode(diagram, node);

        var error = view.Find("[data-testid='node-failure']");
        Assert.Equal(nameof(TaskFailureReason.TimedOut), error.GetAttribute("data-reason"));
        Assert.Contains("took too long", error.TextContent);
        Assert.DoesNotContain("/srv", error.TextContent);
        Assert.Empty(view.FindAll("[data-testid='node-progress']"));
    }

    [Fact]
    public void Only_the_changed_node_renders_again()
    {
        var diagram = new Diagram();
        var moved = diagram.Nodes.Add(new NodeModel("a") { Kind = "scene", State = "ready" });
        var still = diagram.Nodes.Add(new NodeModel("b") { Kind = "scene", State = "ready" });
        var canvas = Render<DiagramCanvas>(p => p.Add(c => c.Diagram, diagram).Add(c => c.NodeTemplate, Card).Add(c => c.FitOnFirstRender, false));
        var views = canvas.FindComponents<NodeView>().ToDictionary(v => v.Instance.Node.Id);
        var stillRenders = views["b"].Instance.RenderCount;
        var movedRenders = views["a"].Instance.RenderCount;

        canvas.InvokeAsync(() => moved.SetPosition(300, 200));
        canvas.InvokeAsync(() => diagram.SetPan(40, 40));

        Assert.Equal(stillRenders, views["b"].Instance.RenderCount);
        Assert.True(views["a"].Instance.RenderCount > movedRenders);
        Assert.Contains("translate(300px, 200px)", canvas.Find(".dx-node[data-node-id='a']").GetAttribute("style"));
    }

    [Fact]
    public void Only_cards_near_the_view_are_drawn_and_a_pan_draws_the_others()
    {
        var diagram = new Diagram();
        diagram.SetContainer(new Size(1000, 600));
        var near = diagram.Nodes.Add(new NodeModel("near", new Point(100, 100)) { Kind = "scene", State = "ready" });
        var far = diagram.Nodes.Add(new NodeModel("far", new Point(6000, 4000)) { Kind = "segment", State = "running" });
        var beyond = diagram.Nodes.Add(new NodeModel("beyond", new Point(9000, 4000)) { Kind = "compose", State = "empty" });
        diagram.Connect(near, far);
        diagram.Connect(far, beyond);
        var canvas = Render<DiagramCanvas>(p => p.Add(c => c.Diagram, diagram).Add(c => c.NodeTemplate, Card).Add(c => c.FitOnFirstRender, false));

        // Every node keeps its hooks; only the near card has content, and only the link with a drawn end is drawn.
        Assert.Equal(3, canvas.FindAll("[data-node-id]").Count);
        Assert.Equal(["near"], canvas.FindAll(".dx-node:not(.dx-node-shell)").Select(e => e.GetAttribute("data-node-id")));
        var shell = canvas.Find(".dx-node-shell[data-node-id='far']");
        Assert.Equal("segment", shell.GetAttribute("data-node-kind"));
        Assert.Equal("running", shell.GetAttribute("data-node-state"));
        Assert.Empty(shell.Children);
        Assert.Equal(["near"], canvas.FindAll("path[data-link-source]").Select(e => e.GetAttribute("data-link-source")));
        Assert.Equal("1", canvas.Find("[data-testid='diagram-canvas']").GetAttribute("data-drawn-count"));

        canvas.InvokeAsync(() => diagram.CenterOn(far.Bounds.Center));

        canvas.WaitForAssertion(() => Assert.Single(canvas.FindAll(".dx-node[data-node-id='far'] .card")));
        Assert.Single(canvas.FindAll(".dx-node-shell[data-node-id='near']"));
        Assert.Equal(2, canvas.FindAll("path[data-link-source]").Count);
    }

    [Fact]
    public void The_page_around_the_canvas_rendering_again_does_not_redraw_the_canvas()
    {
        var diagram = new Diagram();
        diagram.Nodes.Add(new NodeModel("a") { Kind = "scene", State = "ready" });
        var canvas = Render<DiagramCanvas>(p => p.Add(c => c.Diagram, diagram).Add(c => c.NodeTemplate, Card).Add(c => c.FitOnFirstRender, false));
        var renders = canvas.RenderCount;

        // A parent's render hands the canvas a new template delegate (as the project page does on every render).
        canvas.Render(p => p.Add(c => c.NodeTemplate, node => Card(node)));
        Assert.Equal(renders, canvas.RenderCount);

        canvas.InvokeAsync(() => diagram.SetPan(30, 20));
        canvas.WaitForAssertion(() => Assert.True(canvas.RenderCount > renders));
    }

    [Fact]
    public void Enter_on_a_node_opens_it()
    {
        var diagram = new Diagram();
        var node = diagram.Nodes.Add(new NodeModel("a") { Kind = "scene", State = "ready" });
        NodeModel? opened = null;
        diagram.NodeOpened += n => opened = n;
        var view = RenderNode(diagram, node);

        view.Find(".dx-node").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });

        Assert.Same(node, opened);
        Assert.Equal("true", view.Find(".dx-node").GetAttribute("data-selected"));
    }
}
