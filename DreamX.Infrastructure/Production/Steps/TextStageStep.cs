using DreamX.Domain.Generation;
using DreamX.Domain.Generation.Providers;
using DreamX.Domain.Generation.Stages;
using DreamX.Infrastructure.Generation;
using DreamX.Infrastructure.Persistence;
using DreamX.Infrastructure.Providers.Routing;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Infrastructure.Production.Steps;

/// <summary>
/// A text stage: asks the routed text provider for the stage's JSON, checks it against the stage's shape and writes it
/// to the stage's nodes. Subclasses say which stage and how its draft lands on the entities.
/// </summary>
public abstract class TextStageStep<TContext, TDraft>(ITextProvider text, IDbContextFactory<DreamXDbContext> contexts, TimeProvider clock)
    : IGenerationStep where TDraft : class
{
    public abstract GenerationTaskType TaskType { get; }

    /// <summary>The router picks the provider per call; the cache is keyed on the inputs, prompts included.</summary>
    /// <summary>A new take every time: never answered from the result cache.</summary>
    public StepRoute? Route(GenerationTask task) => null;

    public async Task<StepResult> ExecuteAsync(GenerationStepContext context)
    {
        var input = StageJson.Deserialize<StageInput<TContext>>(context.Task.InputJson ?? "");
        if (input.IsFailure)
            throw new InvalidOperationException($"the task's inputs cannot be read: {input.Error}");

        await context.ReportAsync(5, "writing");
        var request = new TextRequest(
            TaskType, input.Value.Language, input.Value.SystemPrompt, input.Value.UserPrompt,
            StageJson.Serialize(input.Value.Context), StageSchemas.For(TaskType));
        var response = await text.CompleteJsonAsync(request, context.CancellationToken);

        var draft = StageJson.Deserialize<TDraft>(response.Json);
        if (draft.IsFailure)
            throw new ProviderFailure(response.Usage.Provider, $"the answer does not fit the {TaskType} stage: {draft.Error}", isTransient: false);
        if (Problem(input.Value.Context, draft.Value) is { } problem)
            throw new ProviderFailure(response.Usage.Provider, problem, isTransient: false);

        await context.ReportAsync(90, "saving");
        return new StepResult(StageJson.Serialize(draft.Value), response.Usage);
    }

    public async Task ApplyAsync(GenerationTask task, string resultJson, CancellationToken cancellationToken)
    {
        var draft = StageJson.Deserialize<TDraft>(resultJson);
        if (draft.IsFailure)
            throw new InvalidOperationException($"the stored result cannot be read: {draft.Error}");

        await GraphUpdates.ApplyAsync(contexts, task.ProjectId, (db, graph) =>
        {
            Apply(db, graph, task, draft.Value, clock.GetUtcNow());
            graph.Project.Touch();
        }, cancellationToken);
    }

    /// <summary>A reason the draft cannot be used although it parsed (e.g. an empty cast), or null.</summary>
    protected virtual string? Problem(TContext context, TDraft draft) => null;

    protected abstract void Apply(DreamXDbContext db, ProductionGraph graph, GenerationTask task, TDraft draft, DateTimeOffset now);
}
