using System.Collections.Concurrent;
using System.Text.Json;
using DreamX.Domain.Generation;
using DreamX.Domain.Generation.Providers;
using DreamX.Infrastructure.Generation;

namespace DreamX.Tests.Infrastructure.Generation;

/// <summary>
/// A step the test steers through the task's input JSON: <c>key</c> (counts calls), <c>delayMs</c>,
/// <c>waitForCancel</c>, <c>transientFailures</c> / <c>permanentFailures</c> (fail the first N calls), <c>fallback</c>
/// (the answer says a built-in provider stood in), <c>newTake</c> (never answered from the cache), <c>touchDatabase</c> (calls <paramref name="database"/> before and
/// after the delay, as a real step reads and writes the project: an outage then fails the step with Npgsql's error).
/// </summary>
public sealed class ScriptedStep(GenerationTaskType type, StepLog log, Func<CancellationToken, Task>? database = null) : IGenerationStep
{
    public GenerationTaskType TaskType => type;

    /// <summary>Cached by its route, unless the inputs ask for a new take each time (<c>newTake</c>, as routed creative steps do).</summary>
    public StepRoute? Route(GenerationTask task) =>
        NewTake(task.InputJson) ? null : new("scripted", "scripted-1");

    private static bool NewTake(string? inputJson)
    {
        using var input = JsonDocument.Parse(inputJson ?? "{}");
        return input.RootElement.TryGetProperty("newTake", out var newTake) && newTake.GetBoolean();
    }

    public async Task<StepResult> ExecuteAsync(GenerationStepContext context)
    {
        using var input = JsonDocument.Parse(context.Task.InputJson ?? "{}");
        var root = input.RootElement;
        var key = root.TryGetProperty("key", out var k) ? k.GetString()! : context.Task.Id.ToString();
        var call = log.Calls.AddOrUpdate(key, 1, (_, n) => n + 1);
        log.Started(key).TrySetResult();
        await context.ReportAsync(10, "working");

        if (root.TryGetProperty("transientFailures", out var transient) && call <= transient.GetInt32())
            throw new ProviderFailure("scripted", "busy, try again", isTransient: true);
        if (root.TryGetProperty("permanentFailures", out var permanent) && call <= permanent.GetInt32())
            throw new ProviderFailure("scripted", "the model refused", isTransient: false);
        var touch = database is not null && root.TryGetProperty("touchDatabase", out var t) && t.GetBoolean();
        if (touch)
            await database!(context.CancellationToken);
        try
        {
            if (root.TryGetProperty("waitForCancel", out _))
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
            if (root.TryGetProperty("delayMs", out var delay))
                await Task.Delay(delay.GetInt32(), context.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            log.Cancelled[key] = true;
            throw;
        }
        if (touch)
            await database!(context.CancellationToken);
        var fallback = root.TryGetProperty("fallback", out var f) && f.GetBoolean();
        return new StepResult($$"""{"key":"{{key}}","call":{{call}}}""", new ProviderUsage("scripted", "scripted-1", 12, 34, 0.01m, IsFallback: fallback));
    }
}

/// <summary>What the scripted steps saw, per key.</summary>
public sealed class StepLog
{
    public ConcurrentDictionary<string, int> Calls { get; } = new();
    public ConcurrentDictionary<string, bool> Cancelled { get; } = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _started = new();

    public TaskCompletionSource Started(string key) =>
        _started.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public int CallsOf(string key) => Calls.GetValueOrDefault(key);
}
