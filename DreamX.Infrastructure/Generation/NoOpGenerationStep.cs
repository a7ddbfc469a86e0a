using System.Text.Json;
using DreamX.Domain.Generation;
using DreamX.Domain.Generation.Providers;

namespace DreamX.Infrastructure.Generation;

/// <summary>
/// A step that does nothing (for tests and the engine benchmark): it waits <c>delayMs</c> from the task's inputs
/// if given, honouring cancellation, and answers <c>{"ok":true}</c>.
/// </summary>
public sealed class NoOpGenerationStep(GenerationTaskType taskType) : IGenerationStep
{
    public const string Provider = "noop";
    public const string Model = "noop-1";

    public GenerationTaskType TaskType { get; } = taskType;

    public StepRoute? Route(GenerationTask task) => new(Provider, Model);

    public async Task<StepResult> ExecuteAsync(GenerationStepContext context)
    {
        var delay = DelayOf(context.Task.InputJson);
        if (delay > TimeSpan.Zero)
            await Task.Delay(delay, context.CancellationToken);
        return new StepResult("""{"ok":true}""", new ProviderUsage(Provider, Model));
    }

    private static TimeSpan DelayOf(string? inputJson)
    {
        if (string.IsNullOrEmpty(inputJson))
            return TimeSpan.Zero;
        using var document = JsonDocument.Parse(inputJson);
        return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("delayMs", out var ms)
            ? TimeSpan.FromMilliseconds(ms.GetInt32())
            : TimeSpan.Zero;
    }
}
