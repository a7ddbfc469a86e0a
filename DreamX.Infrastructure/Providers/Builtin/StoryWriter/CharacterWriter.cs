using DreamX.Domain.Generation.Stages;

namespace DreamX.Infrastructure.Providers.Builtin.StoryWriter;

/// <summary>The cast: the genre's roles filled with the idea's names (or pooled ones), ages, looks and voices.</summary>
internal static class CharacterWriter
{
    public static CharacterListDraft Write(CharactersContext context)
    {
        var template = IdeaStory.For(context.Bible.Genre ?? context.Checkpoint.Genre, context.Checkpoint);
        return new CharacterListDraft(StoryCast.From(context.Checkpoint, template).Characters);
    }
}
