namespace DreamX.Domain.Generation.Providers;

/// <summary>
/// A chat model asked for JSON that fits a stage's schema. <see cref="ContextJson"/> carries the structured inputs
/// (the checkpoint, the bible, the characters...) so that a provider that does not read prompts, such as the
/// built-in writer, works from the same request; the prompts come from the stage's prompt template.
/// </summary>
public sealed record TextRequest(
    GenerationTaskType Stage,
    string Language,
    string SystemPrompt,
    string UserPrompt,
    string ContextJson,
    string JsonSchema,
    string? Model = null);

/// <summary>The JSON the model returned (already repaired/validated by the provider when it can) and its usage.</summary>
public sealed record TextResponse(string Json, ProviderUsage Usage);

/// <summary>Port: text generation to JSON.</summary>
public interface ITextProvider
{
    string Name { get; }

    /// <summary>Throws <see cref="ProviderFailure"/> when the call fails or the answer cannot be made to fit the schema.</summary>
    Task<TextResponse> CompleteJsonAsync(TextRequest request, CancellationToken cancellationToken);
}
