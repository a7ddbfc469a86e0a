using DreamX.Domain.Canvas;

namespace DreamX.Domain.Characters;

/// <summary>A character card: who they are, how they look (kept consistent in every shot) and how they sound.</summary>
public sealed class Character : CanvasNode
{
    public override NodeKind Kind => NodeKind.Character;

    /// <summary>Stable key the writer uses to refer to the character in scripts and shots.</summary>
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string Occupation { get; set; } = "";
    public CharacterLevel Level { get; set; }
    public Gender Gender { get; set; }
    public int? Age { get; set; }
    public int? HeightCm { get; set; }
    public string Bio { get; set; } = "";

    /// <summary>The look in words, injected into every visual prompt the character appears in.</summary>
    public string Appearance { get; set; } = "";

    public string? PortraitKey { get; set; }
    public Guid? VoiceId { get; set; }
    public int SortOrder { get; set; }
}
