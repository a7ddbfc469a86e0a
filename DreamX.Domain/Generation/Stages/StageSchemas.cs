using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using DreamX.Domain.Scripts;

namespace DreamX.Domain.Generation.Stages;

/// <summary>
/// The JSON schema of each text stage's answer, exported from the draft records with <see cref="StageJson.Options"/>
/// so the schema and the (de)serializer never disagree.
/// </summary>
public static class StageSchemas
{
    private static readonly FrozenDictionary<GenerationTaskType, Type> AnswerTypes = new Dictionary<GenerationTaskType, Type>
    {
        [GenerationTaskType.ImproveIdea] = typeof(IdeaBrief),
        [GenerationTaskType.StoryBible] = typeof(StoryBibleDraft),
        [GenerationTaskType.Characters] = typeof(CharacterListDraft),
        [GenerationTaskType.Script] = typeof(ScriptDraft),
        [GenerationTaskType.SceneDesign] = typeof(SceneDesign),
        [GenerationTaskType.ShotList] = typeof(ShotListDraft),
        [GenerationTaskType.NoteOutline] = typeof(NoteOutlineDraft),
        [GenerationTaskType.NotePost] = typeof(NotePostDraft),
        [GenerationTaskType.TranslateScript] = typeof(TranslationDraft),
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<GenerationTaskType, string> Schemas =
        AnswerTypes.ToFrozenDictionary(pair => pair.Key, pair => Export(pair.Value));

    public static IReadOnlyCollection<GenerationTaskType> TextStages => AnswerTypes.Keys;

    public static bool IsTextStage(GenerationTaskType stage) => AnswerTypes.ContainsKey(stage);

    /// <summary>The record a stage answers with.</summary>
    public static Type AnswerType(GenerationTaskType stage) =>
        AnswerTypes.TryGetValue(stage, out var type) ? type : throw new ArgumentOutOfRangeException(nameof(stage), stage, "Not a text stage.");

    /// <summary>The schema text handed to the model (TextRequest.JsonSchema).</summary>
    public static string For(GenerationTaskType stage) =>
        Schemas.TryGetValue(stage, out var schema) ? schema : throw new ArgumentOutOfRangeException(nameof(stage), stage, "Not a text stage.");

    private static string Export(Type type)
    {
        var schema = StageJson.Options.GetJsonSchemaAsNode(type, new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
        });
        return schema.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = StageJson.Options.Encoder });
    }
}
