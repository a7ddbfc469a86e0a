using DreamX.Domain.Canvas;

namespace DreamX.Domain.Stories;

/// <summary>The story's foundation: logline, world, themes and the episode plan (the seeds' "planning center").</summary>
public sealed class StoryBible : CanvasNode
{
    public override NodeKind Kind => NodeKind.StoryBible;

    public string Logline { get; set; } = "";
    public string Synopsis { get; set; } = "";
    public string World { get; set; } = "";
    public List<string> Themes { get; set; } = [];
    public string Tone { get; set; } = "";
    public string? Genre { get; set; }
    public List<EpisodePlanEntry> EpisodePlan { get; set; } = [];
}

/// <summary>One episode in the plan: what happens, the hook that opens it and the cliffhanger that ends it.</summary>
public sealed record EpisodePlanEntry(int Number, string Title, string Summary, string Hook, string Cliffhanger);
