using DreamX.Domain.Canvas;

namespace DreamX.Domain.Scripts;

/// <summary>A scene of an episode's script, with its visual design and key art (the scene node).</summary>
public sealed class Scene : CanvasNode
{
    public override NodeKind Kind => NodeKind.Scene;

    public Guid EpisodeId { get; set; }
    public int Number { get; set; }
    public SceneSetting Setting { get; set; }
    public string Location { get; set; } = "";
    public TimeOfDay TimeOfDay { get; set; }
    public List<string> ActionLines { get; set; } = [];

    /// <summary>Dialogue and narration in speaking order.</summary>
    public List<ScriptLine> Lines { get; set; } = [];

    public SceneDesign? Design { get; set; }
    public string? KeyArtKey { get; set; }

    /// <summary>State of the scene's shot list (the segments stage) as one unit.</summary>
    public NodeState ShotsState { get; set; } = NodeState.Empty;

    public List<Shot> Shots { get; set; } = [];

    /// <summary>"INT. OFFICE - NIGHT" style heading.</summary>
    public string Heading => $"{(Setting == SceneSetting.Interior ? "INT." : "EXT.")} {Location} - {TimeOfDay.ToString().ToUpperInvariant()}";
}

/// <summary>How a scene looks: lighting, palette and mood.</summary>
public sealed record SceneDesign(string Lighting, IReadOnlyList<string> Palette, string Mood, string KeyArtPrompt);

public enum ScriptLineKind
{
    Dialogue,
    Narration,
}

/// <summary>A spoken line: dialogue by a character, or narration.</summary>
public sealed record ScriptLine(ScriptLineKind Kind, string? CharacterKey, string Text, string Emotion);
