using DreamX.Domain.Generation;
using DreamX.Domain.Generation.Providers;
using DreamX.Domain.Generation.Stages;
using DreamX.Infrastructure.Providers.Builtin.StoryWriter;

namespace DreamX.Infrastructure.Providers.Builtin;

/// <summary>
/// The built-in story writer (SPEC §4): offline, free and deterministic. It ignores the prompts and writes each text
/// stage from the request's context JSON with genre templates and the idea's own words.
/// </summary>
public sealed class BuiltinTextProvider : ITextProvider
{
    public const string ProviderName = "builtin";
    public const string ModelName = "story-writer-v1";

    public string Name => ProviderName;

    public Task<TextResponse> CompleteJsonAsync(TextRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var json = request.Stage switch
        {
            GenerationTaskType.ImproveIdea => Answer<ImproveIdeaContext, Domain.Generation.Stages.IdeaBrief>(request, IdeaBriefWriter.Write),
            GenerationTaskType.StoryBible => Answer<StoryBibleContext, StoryBibleDraft>(request, StoryBibleWriter.Write),
            GenerationTaskType.Characters => Answer<CharactersContext, CharacterListDraft>(request, CharacterWriter.Write),
            GenerationTaskType.Script => Answer<ScriptContext, ScriptDraft>(request, ScriptWriter.Write),
            GenerationTaskType.SceneDesign => Answer<SceneDesignContext, Domain.Scripts.SceneDesign>(request, SceneDesignWriter.Write),
            GenerationTaskType.ShotList => Answer<ShotListContext, ShotListDraft>(request, ShotListWriter.Write),
            GenerationTaskType.NoteOutline => Answer<NoteOutlineContext, NoteOutlineDraft>(request, NoteWriter.Outline),
            GenerationTaskType.NotePost => Answer<NotePostContext, NotePostDraft>(request, NoteWriter.Post),
            GenerationTaskType.TranslateScript => Answer<TranslateScriptContext, TranslationDraft>(request, TemplateTranslator.Translate),
            _ => throw new ProviderFailure(ProviderName, $"The built-in writer does not write {request.Stage}.", isTransient: false),
        };
        return Task.FromResult(new TextResponse(json, new ProviderUsage(ProviderName, ModelName)));
    }

    private static string Answer<TContext, TAnswer>(TextRequest request, Func<TContext, TAnswer> write)
    {
        var context = StageJson.Deserialize<TContext>(request.ContextJson);
        if (context.IsFailure)
            throw new ProviderFailure(ProviderName, $"Bad {request.Stage} context: {context.Error}", isTransient: false);
        return StageJson.Serialize(write(context.Value));
    }
}
