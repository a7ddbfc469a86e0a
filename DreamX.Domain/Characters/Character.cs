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

    /// <summary>
    /// Up to <see cref="MaxExtraReferences"/> more pictures of the character (uploaded or picked from its shots) that go with
    /// the portrait to image and video models that take reference images.
    /// </summary>
    public List<string> ReferenceKeys { get; set; } = [];

    /// <summary>The character's own seed, fixed once the card exists; null on cards made before seeds were kept.</summary>
    public int? Seed { get; set; }

    /// <summary>Locked: regenerating the character keeps its portrait and the appearance text the portrait was made from.</summary>
    public bool LookLocked { get; set; }

    public Guid? VoiceId { get; set; }
    public int SortOrder { get; set; }

    public const int MaxExtraReferences = 3;

    /// <summary>The seed every picture of the character is drawn with: the stored one, else the one derived from its key.</summary>
    public int EffectiveSeed => Seed ?? CharacterSeed.FromKey(Key);
}
