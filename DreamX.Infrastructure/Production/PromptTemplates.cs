using DreamX.Infrastructure.Audit;
using DreamX.Domain.Common;
using DreamX.Domain.Generation;
using DreamX.Domain.Generation.Stages;
using DreamX.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Infrastructure.Production;

/// <summary>An admin's version of a stage's prompts, for all genres/languages or one of them.</summary>
public sealed record PromptTemplateDraft(GenerationTaskType Stage, string? Genre, string? Language, string SystemPrompt, string UserPrompt);

/// <summary>
/// The prompt templates admins edit (SPEC §4). Each (stage, genre, language) has at most one; saving bumps its version.
/// Removing a template brings back the built-in default.
/// </summary>
public sealed class PromptTemplates(IDbContextFactory<DreamXDbContext> contexts, TimeProvider clock)
{
    public const int MaxPromptLength = 8000;

    public static IReadOnlyList<GenerationTaskType> Stages => StageSchemas.TextStages.Order().ToList();

    public async Task<IReadOnlyList<PromptTemplate>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.PromptTemplates.AsNoTracking()
            .OrderBy(t => t.Stage).ThenBy(t => t.Genre).ThenBy(t => t.Language)
            .ToListAsync(ct);
    }

    public static IReadOnlyList<ValidationError> Validate(PromptTemplateDraft draft)
    {
        var errors = new List<ValidationError>();
        if (!StageSchemas.IsTextStage(draft.Stage))
            errors.Add(new(nameof(draft.Stage), "prompt.stage"));
        if (draft.Language is not null && !StoryLanguage.IsSupported(draft.Language))
            errors.Add(new(nameof(draft.Language), "prompt.language"));
        if (draft.Genre is { Length: > 40 })
            errors.Add(new(nameof(draft.Genre), "prompt.genre_too_long", 40));
        if (string.IsNullOrWhiteSpace(draft.SystemPrompt))
            errors.Add(new(nameof(draft.SystemPrompt), "prompt.system_required"));
        else if (draft.SystemPrompt.Length > MaxPromptLength)
            errors.Add(new(nameof(draft.SystemPrompt), "prompt.too_long", MaxPromptLength));
        if (string.IsNullOrWhiteSpace(draft.UserPrompt))
            errors.Add(new(nameof(draft.UserPrompt), "prompt.user_required"));
        else if (draft.UserPrompt.Length > MaxPromptLength)
            errors.Add(new(nameof(draft.UserPrompt), "prompt.too_long", MaxPromptLength));
        else if (!draft.UserPrompt.Contains("{{context}}", StringComparison.Ordinal))
            errors.Add(new(nameof(draft.UserPrompt), "prompt.needs_context"));
        return errors;
    }

    /// <summary>Creates or replaces the template of the draft's (stage, genre, language).</summary>
    public async Task<Result<PromptTemplate>> SaveAsync(PromptTemplateDraft draft, string adminId, CancellationToken ct = default)
    {
        ActorGate.DemandAdmin();
        var errors = Validate(draft);
        if (errors.Count > 0)
            return Result.Failure<PromptTemplate>(errors[0].Code);

        var genre = string.IsNullOrWhiteSpace(draft.Genre) ? null : draft.Genre.Trim().ToLowerInvariant();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var template = await db.PromptTemplates.FirstOrDefaultAsync(
            t => t.Stage == draft.Stage && t.Genre == genre && t.Language == draft.Language, ct);
        if (template is null)
        {
            template = new PromptTemplate { Stage = draft.Stage, Genre = genre, Language = draft.Language, Version = 0 };
            db.PromptTemplates.Add(template);
        }
        template.SystemPrompt = draft.SystemPrompt.Trim();
        template.UserPrompt = draft.UserPrompt.Trim();
        template.Version += 1;
        template.UpdatedAt = clock.GetUtcNow();
        template.UpdatedBy = adminId;
        await db.SaveChangesAsync(ct);
        return template;
    }

    public async Task<Result> DeleteAsync(Guid id, CancellationToken ct = default)
    {
        ActorGate.DemandAdmin();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var deleted = await db.PromptTemplates.Where(t => t.Id == id).ExecuteDeleteAsync(ct);
        return deleted == 0 ? Result.Failure("prompt.not_found") : Result.Success();
    }
}
