using DreamX.Domain.Common;

namespace DreamX.Domain.Generation;

/// <summary>An admin-editable prompt for one stage (optionally one genre and language) on the OpenAI-compatible path.</summary>
public sealed class PromptTemplate : Entity
{
    public GenerationTaskType Stage { get; set; }

    /// <summary>Genre this template is specialised for; null is the stage's default.</summary>
    public string? Genre { get; set; }

    /// <summary>Language tag, or null for any.</summary>
    public string? Language { get; set; }

    public string SystemPrompt { get; set; } = "";

    /// <summary>User prompt with {placeholders} filled from the stage inputs.</summary>
    public string UserPrompt { get; set; } = "";

    public int Version { get; set; } = 1;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
    public string? UpdatedBy { get; set; }
}
