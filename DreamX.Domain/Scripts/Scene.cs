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

    /// <summary>
    /// The heading as a script in <paramref name="language"/> writes it: a Chinese short drama puts place, time and
    /// inside/outside in that order ("医院走廊 夜 内"); otherwise <see cref="Heading"/>.
    /// </summary>
    public string HeadingIn(string language) => language.StartsWith("zh", StringComparison.OrdinalIgnoreCase)
        ? $"{Location} {ChineseTime(TimeOfDay)} {(Setting == SceneSetting.Interior ? "内" : "外")}"
        : Heading;

    private static string ChineseTime(TimeOfDay time) => time switch
    {
        TimeOfDay.Dawn => "晨",
        TimeOfDay.Day => "日",
        TimeOfDay.Dusk => "昏",
        _ => "夜",
    };
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
