using DreamX.Domain.Generation;
using DreamX.Domain.Generation.Providers;
using DreamX.Domain.Generation.Stages;
using DreamX.Domain.Projects;
using DreamX.Domain.Scripts;
using DreamX.Infrastructure.Providers.Builtin;

namespace DreamX.Tests.Infrastructure.Providers.Builtin;

/// <summary>A whole story written stage by stage through the provider port, as the engine chains them (JSON in, JSON out).</summary>
internal sealed record StoryRun(
    StoryCheckpoint Checkpoint,
    IdeaBrief Brief,
    StoryBibleDraft Bible,
    CharacterListDraft Cast,
    IReadOnlyList<ScriptDraft> Scripts,
    IReadOnlyList<SceneDesign> Designs,
    IReadOnlyList<ShotListDraft> ShotLists,
    IReadOnlyDictionary<GenerationTaskType, List<string>> Answers)
{
    public static StoryCheckpoint CheckpointFor(string idea, string language, int episodes = 1, int seconds = 60, string? genre = null) =>
        new("", episodes > 1 ? ProjectType.MultiEpisodes : ProjectType.SingleEpisode, language, ContentRating.PG13, episodes, seconds,
            AspectRatio.Portrait9x16, idea, genre, language == "zh-CN" ? "国风动漫" : "Anime");

    public static async Task<StoryRun> WriteAsync(StoryCheckpoint checkpoint)
    {
        var writer = new BuiltinTextProvider();
        var answers = new Dictionary<GenerationTaskType, List<string>>();

        async Task<T> Ask<T>(GenerationTaskType stage, object context)
        {
            var request = new TextRequest(stage, checkpoint.Language, "", "", StageJson.Serialize(context), StageSchemas.For(stage));
            var response = await writer.CompleteJsonAsync(request, CancellationToken.None);
            if (!answers.TryGetValue(stage, out var list))
                answers[stage] = list = [];
            list.Add(response.Json);
            return StageJson.Deserialize<T>(response.Json).Value;
        }

        var brief = await Ask<IdeaBrief>(GenerationTaskType.ImproveIdea, new ImproveIdeaContext(checkpoint));
        var bible = await Ask<StoryBibleDraft>(GenerationTaskType.StoryBible, new StoryBibleContext(checkpoint));
        var cast = await Ask<CharacterListDraft>(GenerationTaskType.Characters, new CharactersContext(checkpoint, bible));
        var scripts = new List<ScriptDraft>();
        var designs = new List<SceneDesign>();
        var shotLists = new List<ShotListDraft>();
        for (var episode = 1; episode <= checkpoint.EpisodeCount; episode++)
        {
            var script = await Ask<ScriptDraft>(GenerationTaskType.Script, new ScriptContext(checkpoint, bible, cast.Characters, episode));
            scripts.Add(script);
            foreach (var scene in script.Scenes)
            {
                var design = await Ask<SceneDesign>(GenerationTaskType.SceneDesign,
                    new SceneDesignContext(checkpoint, bible.Genre, bible.Tone, episode, scene, cast.Characters));
                designs.Add(design);
                shotLists.Add(await Ask<ShotListDraft>(GenerationTaskType.ShotList,
                    new ShotListContext(checkpoint, episode, scene, design, cast.Characters, scene == script.Scenes[^1])));
            }
        }
        return new StoryRun(checkpoint, brief, bible, cast, scripts, designs, shotLists, answers);
    }

    public decimal EpisodeSeconds(int episode) =>
        ShotLists.Where(s => s.EpisodeNumber == episode).SelectMany(s => s.Shots).Sum(s => s.DurationSeconds);

    /// <summary>Everything written, as one JSON document a person can read.</summary>
    public string ToJson() => StageJson.Serialize(new { Checkpoint, Brief, Bible, Cast.Characters, Scripts, Designs, ShotLists });
}
