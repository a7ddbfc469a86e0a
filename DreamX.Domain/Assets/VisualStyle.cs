using DreamX.Domain.Common;

namespace DreamX.Domain.Assets;

/// <summary>A look a project can be rendered in; its prompt fragment and palette are injected into every frame.</summary>
public sealed class VisualStyle : Entity
{
    public const int TitleMaxLength = 60;
    public const int TypeMaxLength = 40;
    public const int DescriptionMaxLength = 1000;
    public const int PromptFragmentMaxLength = 1000;

    public string Title { get; set; } = "";

    /// <summary>Family of the style, e.g. "anime", "realistic", "ink", "3d".</summary>
    public string Type { get; set; } = "";

    public string Description { get; set; } = "";
    public string PromptFragment { get; set; } = "";

    /// <summary>Hex colours from dominant to accent, e.g. "#1E2A44".</summary>
    public List<string> Palette { get; set; } = [];

    public string? SampleImageKey { get; set; }
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}
