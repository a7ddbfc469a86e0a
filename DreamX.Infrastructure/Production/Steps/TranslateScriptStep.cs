using DreamX.Domain.Generation;
using DreamX.Domain.Generation.Stages;
using DreamX.Infrastructure.Generation;

namespace DreamX.Infrastructure.Production.Steps;

/// <summary>
/// A language version of an episode (<see cref="GenerationTaskType.TranslateScript"/>): the routed text provider
/// translates the episode's spoken lines (the built-in writer from its own templates, naming what it cannot), every
/// speaker gets a voice of the language and every line is voiced (<see cref="EpisodeTranslations"/> does the work). The
/// engine holds the task's price per line, charges it on success and refunds it when the task fails or is cancelled.
/// </summary>
public sealed class TranslateScriptStep(EpisodeTranslations translations) : IGenerationStep
{
    public GenerationTaskType TaskType => GenerationTaskType.TranslateScript;

    /// <summary>A new take every time (the creator asks again to get another translation): never the result cache's.</summary>
    public StepRoute? Route(GenerationTask task) => null;

    public async Task<StepResult> ExecuteAsync(GenerationStepContext context)
    {
        var input = StageJson.Deserialize<TranslateScriptInput>(context.Task.InputJson ?? "");
        if (input.IsFailure)
            throw new InvalidOperationException($"the task's inputs cannot be read: {input.Error}");
        var (outcome, usage) = await translations.ProduceAsync(input.Value, context.ReportAsync, context.CancellationToken);
        return new StepResult(StageJson.Serialize(outcome), usage);
    }

    public async Task ApplyAsync(GenerationTask task, string resultJson, CancellationToken cancellationToken)
    {
        var outcome = StageJson.Deserialize<TranslationOutcome>(resultJson);
        if (outcome.IsFailure)
            throw new InvalidOperationException($"the stored result cannot be read: {outcome.Error}");
        await translations.ApplyAsync(task, outcome.Value, cancellationToken);
    }
}
