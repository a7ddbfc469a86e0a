using DreamX.Domain.Generation.Stages;

namespace DreamX.Infrastructure.Production.Steps;

/// <summary>
/// A text task's inputs, fixed when it is queued: the stage context and the filled-in prompts. They are the task's
/// InputJson, so the inputs hash (and with it the result cache) changes whenever anything the answer depends on does.
/// </summary>
public sealed record StageInput<TContext>(TContext Context, string Language, string SystemPrompt, string UserPrompt)
{
    public string ToJson() => StageJson.Serialize(this);
}
