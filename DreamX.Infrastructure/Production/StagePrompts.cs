using DreamX.Domain.Generation;
using DreamX.Domain.Generation.Stages;
using DreamX.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Infrastructure.Production;

/// <summary>The prompts a text stage is asked with, after the admin's template (if any) has been filled in.</summary>
public sealed record StagePrompt(string System, string User);

/// <summary>
/// Prompt templates per stage, genre and language, from the database (admins edit them) or the defaults below.
/// Placeholders: <c>{{language}}</c>, <c>{{context}}</c> (the stage's inputs as JSON) and <c>{{schema}}</c>.
/// </summary>
public static class StagePrompts
{
    private const string SystemDefault =
        "You are a senior short-drama (短剧) writer and director. You write vertical micro-dramas: a hook in the first " +
        "seconds, escalating conflict, a cliffhanger at the end of every episode. Speech is paced at about 4.5 Chinese " +
        "characters or 2.5 English words per second. Answer with one JSON object that fits the given JSON schema, " +
        "with no prose around it. Write every text field in {{language}}.";

    /// <summary>
    /// The genre key a music video's story bible is asked with: its bible is a visual concept, not a drama's, and admins
    /// may write their own prompt for it as a template of this genre.
    /// </summary>
    public const string MusicVideoGenre = "music-video";

    private const string MusicVideoSystem =
        "You are a music-video director and art director. You turn a song and an idea into a visual concept that a " +
        "storyboard artist can draw shot by shot: a mood, a palette, recurring motifs and a look per section of the song " +
        "that follows its energy (quiet parts wide and slow, loud parts close and cut fast on the beat). There is no " +
        "dialogue. Answer with one JSON object that fits the given JSON schema, with no prose around it. Write every text " +
        "field in {{language}}.";

    private const string MusicVideoBible =
        "This is not a drama but a music video for the song in `song` (tempo in BPM, length in seconds, its sections with " +
        "their part, energy and times; whether it has lyrics) and the idea and mood in `checkpoint.idea`. Write its visual " +
        "concept in the story bible's fields: title; genre \"Music video\"; logline: the concept in one sentence; synopsis: " +
        "how each section looks, in the song's order, naming the section and its times (quiet sections wide and slow, loud " +
        "ones close and fast); world: the setting, a palette of 3-5 colours (names and hex) and the light; themes: 3-5 " +
        "recurring visual motifs; tone: the mood and the pace of the cutting. A performer is optional: describe one in the " +
        "synopsis only when the idea asks for one. The episode plan has exactly one entry, number 1: the whole video (its " +
        "title, the visual arc as summary, the opening image as hook and the closing image as cliffhanger).";

    private static readonly Dictionary<GenerationTaskType, string> UserDefaults = new()
    {
        [GenerationTaskType.ImproveIdea] = "Rewrite this idea as a structured brief (genre, setting, protagonist, tone, conflict) and a sharper one-paragraph idea.",
        [GenerationTaskType.StoryBible] = "Write the story bible: logline, synopsis, world, themes, tone and the episode plan (title, summary, hook and cliffhanger of every episode).",
        [GenerationTaskType.Characters] = "Write the cast: distinct names, occupations, level, gender, age, height, a short bio and an appearance precise enough to draw the same person in every shot.",
        [GenerationTaskType.Script] = "Write the script of the episode given by episodeNumber: scenes with headings, action lines and dialogue (character key, text, emotion) and narration, sized to the episode duration.",
        [GenerationTaskType.SceneDesign] = "Design the look of the scene: lighting, a palette of hex colours, mood and a key-art prompt in the project's visual style.",
        [GenerationTaskType.NoteOutline] = "This is not a drama but an image-text note for Xiaohongshu (小红书图文笔记). Write its outline in the brief's tone: a cover hook (at most 20 characters, one that makes a reader stop scrolling), a cover subtitle, what the cover picture shows, and exactly pageCount pages, each with its one-line point, a heading (at most 12 characters) and a short text (at most 60 characters) to print on the picture, and what the picture behind the text shows (no text in the picture).",
        [GenerationTaskType.NotePost] = "This is not a drama but an image-text note for Xiaohongshu (小红书图文笔记). Write the post that goes with its pages, in the brief's tone: a title of at most 20 characters, a body of at most 1000 characters (short paragraphs, a few emoji, the pages' points in order, a question to the readers at the end) and 3-8 hashtags without '#'.",
        [GenerationTaskType.TranslateScript] = "Translate the spoken lines of this short-drama episode from the language `from` to the language `to`. Keep each line's meaning, emotion and register, keep character names as they are, and keep each translation about as long to say as the original (it is spoken over a shot of fixed length). Answer with one entry per line, by its index; list in untranslated the index of any line you cannot translate.",
        [GenerationTaskType.ShotList] = "Cut the scene into shots: shot type, camera move, duration (the spoken line plus 1-2 s), a visual prompt that includes each visible character's appearance and the visual style, the spoken line and the transition.",
    };

    /// <summary>The built-in prompts of a stage, shown to admins as the starting point of their own.</summary>
    public static StagePrompt DefaultFor(GenerationTaskType stage) => DefaultFor(stage, genre: null);

    /// <summary>The built-in prompts of a stage for a genre: a music video's story bible has its own (<see cref="MusicVideoGenre"/>).</summary>
    public static StagePrompt DefaultFor(GenerationTaskType stage, string? genre)
    {
        var musicVideo = stage == GenerationTaskType.StoryBible && string.Equals(genre, MusicVideoGenre, StringComparison.OrdinalIgnoreCase);
        return new(
            musicVideo ? MusicVideoSystem : SystemDefault,
            (musicVideo ? MusicVideoBible : UserDefaults.GetValueOrDefault(stage, "Answer in JSON.")) + "\n\nInputs:\n{{context}}\n\nJSON schema of the answer:\n{{schema}}");
    }

    public static async Task<StagePrompt> ForAsync(
        DreamXDbContext db, GenerationTaskType stage, string language, string? genre, string contextJson, CancellationToken ct)
    {
        var templates = await TemplatesAsync(db, stage, ct);
        return For(templates, stage, language, genre, contextJson);
    }

    /// <summary>The admin's templates of a stage (any genre and language), for <see cref="For"/>.</summary>
    public static Task<List<PromptTemplate>> TemplatesAsync(DreamXDbContext db, GenerationTaskType stage, CancellationToken ct) =>
        db.PromptTemplates.AsNoTracking().Where(t => t.Stage == stage).ToListAsync(ct);

    /// <summary>The prompt of a stage from its templates as read by <see cref="TemplatesAsync"/>.</summary>
    public static StagePrompt For(IReadOnlyList<PromptTemplate> templates, GenerationTaskType stage, string language, string? genre, string contextJson)
    {
        // The most specific template wins: genre and language, then genre, then language, then any.
        var template = templates
            .Where(t => (t.Genre is null || string.Equals(t.Genre, genre, StringComparison.OrdinalIgnoreCase))
                        && (t.Language is null || t.Language == language))
            .OrderByDescending(t => (t.Genre is null ? 0 : 2) + (t.Language is null ? 0 : 1))
            .FirstOrDefault();

        var defaults = DefaultFor(stage, genre);
        var system = template?.SystemPrompt is { Length: > 0 } s ? s : defaults.System;
        var user = template?.UserPrompt is { Length: > 0 } u ? u : defaults.User;
        return new StagePrompt(Fill(system, language, contextJson, stage), Fill(user, language, contextJson, stage));
    }

    private static string Fill(string text, string language, string contextJson, GenerationTaskType stage) => text
        .Replace("{{language}}", language == "zh-CN" ? "Simplified Chinese (zh-CN)" : "English (en-US)", StringComparison.Ordinal)
        .Replace("{{context}}", contextJson, StringComparison.Ordinal)
        .Replace("{{schema}}", StageSchemas.For(stage), StringComparison.Ordinal);
}
